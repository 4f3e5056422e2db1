package dev.foresight.renderer.flux;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Objects whose controller creates a Secret in the cluster, so a {@code substituteFrom} Secret that
 * is in no repository file can still exist at runtime: External Secrets ({@code ExternalSecret},
 * {@code ClusterExternalSecret}), Sealed Secrets ({@code SealedSecret}), 1Password
 * ({@code OnePasswordItem}), Vault Secrets Operator ({@code VaultStaticSecret},
 * {@code VaultDynamicSecret}, {@code VaultPKISecret}, {@code HCPVaultSecretsApp}) and cert-manager
 * ({@code Certificate}). Each is known by its API group, the Secret's name and namespace, and the
 * keys it writes when the object says them ({@code ExternalSecret} {@code spec.data[].secretKey},
 * {@code SealedSecret} {@code spec.encryptedData}); "open" when keys come from elsewhere
 * ({@code dataFrom}, {@code templateFrom}, a vault path). Values are never known offline.
 */
public final class RuntimeProducers {

  /** A Secret some object produces at runtime. */
  public record Produced(String secretNamespace, String secretName, String producerKind, String producerId,
      Set<String> keys, boolean open) {

    /** {@code ExternalSecret flux-system/cluster-secrets}. */
    public String producer() {
      return producerKind + " " + producerId;
    }

    /** True when the Secret may hold {@code key}. */
    public boolean mayHold(String key) {
      return open || keys.contains(key);
    }
  }

  /** The kinds read here, for cheap pre-filters of rendered documents. */
  public static final List<String> KINDS = List.of("ExternalSecret", "ClusterExternalSecret", "SealedSecret",
      "OnePasswordItem", "VaultStaticSecret", "VaultDynamicSecret", "VaultPKISecret", "HCPVaultSecretsApp",
      "Certificate");

  private RuntimeProducers() {}

  /** The Secret {@code object} produces at runtime, if it is a producer. */
  public static Optional<Produced> of(Map<?, ?> object) {
    if (!(object.get("kind") instanceof String kind) || !(object.get("apiVersion") instanceof String api)) {
      return Optional.empty();
    }
    Map<?, ?> meta = FluxYaml.map(object.get("metadata"));
    Map<?, ?> spec = FluxYaml.map(object.get("spec"));
    String name = text(meta.get("name"));
    String namespace = text(meta.get("namespace"));
    String id = namespace.isEmpty() ? name : namespace + "/" + name;
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
    Produced produced = switch (group + " " + kind) {
      case "external-secrets.io ExternalSecret" -> externalSecret(spec, namespace, name, kind, id);
      case "external-secrets.io ClusterExternalSecret" -> {
        // one ExternalSecret per selected namespace, named spec.externalSecretName or after this object
        String esName = or(text(spec.get("externalSecretName")), name);
        Produced inner = externalSecret(FluxYaml.map(spec.get("externalSecretSpec")), null, esName, kind, id);
        yield new Produced(null, inner.secretName(), kind, id, inner.keys(), inner.open());
      }
      case "bitnami.com SealedSecret" -> {
        Map<?, ?> template = FluxYaml.map(spec.get("template"));
        Map<?, ?> templateMeta = FluxYaml.map(template.get("metadata"));
        Set<String> keys = keys(spec.get("encryptedData"));
        keys.addAll(keys(template.get("data")));
        yield new Produced(or(text(templateMeta.get("namespace")), namespace), or(text(templateMeta.get("name")), name),
            kind, id, Set.copyOf(keys), false);
      }
      case "onepassword.com OnePasswordItem" -> new Produced(namespace, name, kind, id, Set.of(), true);
      case "secrets.hashicorp.com VaultStaticSecret", "secrets.hashicorp.com VaultDynamicSecret",
          "secrets.hashicorp.com VaultPKISecret", "secrets.hashicorp.com HCPVaultSecretsApp" -> {
        String secret = text(FluxYaml.map(spec.get("destination")).get("name"));
        yield secret.isEmpty() ? null : new Produced(namespace, secret, kind, id, Set.of(), true);
      }
      case "cert-manager.io Certificate" -> {
        String secret = text(spec.get("secretName"));
        yield secret.isEmpty() ? null : new Produced(namespace, secret, kind, id, Set.of("tls.crt", "tls.key", "ca.crt"),
            false);
      }
      default -> null;
    };
    return Optional.ofNullable(produced);
  }

  /**
   * external-secrets: the target Secret is {@code spec.target.name}, else the ExternalSecret's name;
   * a template with {@code data} or {@code templateFrom} decides the keys (merged with the fetched
   * ones when {@code mergePolicy: Merge}), else {@code spec.data[].secretKey}, open with {@code dataFrom}.
   */
  private static Produced externalSecret(Map<?, ?> spec, String namespace, String name, String kind, String id) {
    Map<?, ?> target = FluxYaml.map(spec.get("target"));
    Map<?, ?> template = FluxYaml.map(target.get("template"));
    Set<String> fetched = new LinkedHashSet<>();
    for (Object item : FluxYaml.list(spec.get("data"))) {
      String key = text(FluxYaml.map(item).get("secretKey"));
      if (!key.isEmpty()) {
        fetched.add(key);
      }
    }
    boolean fetchedOpen = !FluxYaml.list(spec.get("dataFrom")).isEmpty();
    Set<String> keys = fetched;
    boolean open = fetchedOpen;
    boolean templated = template.get("data") instanceof Map<?, ?> || !FluxYaml.list(template.get("templateFrom")).isEmpty();
    if (templated) {
      keys = keys(template.get("data"));
      open = !FluxYaml.list(template.get("templateFrom")).isEmpty();
      if ("Merge".equals(text(template.get("mergePolicy")))) {
        keys.addAll(fetched);
        open |= fetchedOpen;
      }
    }
    return new Produced(namespace, or(text(target.get("name")), name), kind, id, Set.copyOf(keys), open);
  }

  private static Set<String> keys(Object map) {
    Set<String> keys = new LinkedHashSet<>();
    FluxYaml.map(map).keySet().forEach(k -> keys.add(String.valueOf(k)));
    return keys;
  }

  private static String or(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
