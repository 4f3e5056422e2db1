package dev.foresight.renderer;

import static dev.foresight.renderer.FluxFeaturesTest.data;
import static dev.foresight.renderer.FluxFeaturesTest.out;
import static dev.foresight.renderer.FluxHarness.entry;
import static dev.foresight.renderer.FluxHarness.ks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * substituteFrom Secrets that are in no repository file but produced at runtime by an object the
 * profile renders (an ExternalSecret, a SealedSecret): the build renders, their variables stay as
 * written (defaults included) and a warning names them and the producer; without a producer, an
 * error saying where and how to fix, unless the reference is optional. Real git repository.
 */
class RuntimeSecretsTest extends FluxTestBase {

  /**
   * {@code vars} substitutes from a ConfigMap in the repository and two Secrets named by the given
   * references; {@code vault-secrets} (named after {@code vars}, so rendered later: kustomize orders the entry by name) renders
   * {@code producers}.
   */
  static Map<String, String> tree(String references, String producers) {
    Map<String, String> files = new HashMap<>();
    files.put("apps/vars/kustomization.yaml", "resources:\n- config.yaml\n");
    files.put("apps/vars/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n  namespace: apps\n"
        + "data:\n  cluster: ${cluster}\n  token: ${token:=none}\n  DB_PASSWORD: ${DB_PASSWORD}\n"
        + "  API_KEY: ${API_KEY}\n  other: ${other:=fallback}\n  url: https://db.${cluster}.example/${DB_PASSWORD}\n");
    files.put("infra/secrets/kustomization.yaml", "resources:\n- producers.yaml\n");
    files.put("infra/secrets/producers.yaml", producers);
    files.put("profiles/p/kustomization.yaml", entry("vars.yaml", "secrets.yaml", "cluster-vars.yaml"));
    files.put("profiles/p/vars.yaml", ks("vars", "./apps/vars", "postBuild:\n  substituteFrom:\n"
        + "  - kind: ConfigMap\n    name: cluster-vars\n" + references));
    files.put("profiles/p/secrets.yaml", ks("vault-secrets", "./infra/secrets"));
    files.put("profiles/p/cluster-vars.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-vars\n"
        + "  namespace: flux-system\ndata:\n  cluster: prod-1\n");
    return files;
  }

  RenderResult render(Map<String, String> files, String ks) throws Exception {
    return flux.render(flux.commit(files), "p", ks);
  }

  static final String REFERENCES = "  - kind: Secret\n    name: cluster-secrets\n  - kind: Secret\n    name: api-keys\n";

  static final String EXTERNAL_SECRET = """
      apiVersion: external-secrets.io/v1beta1
      kind: ExternalSecret
      metadata:
        name: cluster-secrets
        namespace: flux-system
      spec:
        secretStoreRef:
          kind: ClusterSecretStore
          name: vault
        data:
        - secretKey: DB_PASSWORD
          remoteRef:
            key: db
        - secretKey: token
          remoteRef:
            key: token
      """;

  static final String SEALED_SECRET = """
      apiVersion: bitnami.com/v1alpha1
      kind: SealedSecret
      metadata:
        name: sealed-api
        namespace: flux-system
      spec:
        encryptedData:
          API_KEY: AgBy3i4OJSWK+PiTySYZZA==
        template:
          metadata:
            name: api-keys
      """;

  @Test
  void secretsProducedByAnExternalSecretAndASealedSecretLeaveTheirVariablesUnresolved() throws Exception {
    RenderResult result = golden("substitute-runtime", "produced",
        render(tree(REFERENCES, EXTERNAL_SECRET + "---\n" + SEALED_SECRET), "vars"));
    String out = out(result);
    assertEquals("prod-1", data(out, "cluster"), "the ConfigMap in the repository still resolves");
    assertEquals("${DB_PASSWORD}", data(out, "DB_PASSWORD"));
    assertEquals("${API_KEY}", data(out, "API_KEY"));
    assertEquals("${token:=none}", data(out, "token"), "the ExternalSecret writes token: its value wins over the default");
    assertEquals("fallback", data(out, "other"), "neither producer writes 'other': the default applies, as in Flux");
    assertEquals("https://db.prod-1.example/${DB_PASSWORD}", data(out, "url"));
    // in order of appearance in the built output (kustomize sorts data keys)
    assertEquals(List.of(
        "postBuild.substituteFrom Secret flux-system/cluster-secrets is produced at runtime by ExternalSecret"
            + " flux-system/cluster-secrets (rendered by Flux Kustomization flux-system/vault-secrets); ${DB_PASSWORD}, ${token}"
            + " left unresolved (their values exist only in the cluster)",
        "postBuild.substituteFrom Secret flux-system/api-keys is produced at runtime by SealedSecret"
            + " flux-system/sealed-api (rendered by Flux Kustomization flux-system/vault-secrets); ${API_KEY} left unresolved"
            + " (their values exist only in the cluster)"), result.getWarnings());
    assertFalse(out.contains("AgBy3i4OJSWK"), "no ciphertext copied anywhere");
  }

  @Test
  void keysFromDataFromAreNotKnownSoEveryUndefinedVariableStaysAsWritten() throws Exception {
    String extract = """
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata:
          name: cluster-secrets-es
          namespace: flux-system
        spec:
          target:
            name: cluster-secrets
          dataFrom:
          - extract:
              key: cluster-secrets
        """;
    RenderResult result = render(tree("  - kind: Secret\n    name: cluster-secrets\n", extract), "vars");
    String out = out(result);
    assertEquals("prod-1", data(out, "cluster"), "values of earlier sources are kept");
    assertEquals("${other:=fallback}", data(out, "other"), "the Secret may hold 'other': its default is not applied");
    assertEquals("${API_KEY}", data(out, "API_KEY"));
    assertEquals(1, result.getWarnings().size(), result.getWarnings().toString());
    String warning = result.getWarnings().get(0);
    assertTrue(warning.startsWith("postBuild.substituteFrom Secret flux-system/cluster-secrets is produced at runtime by"
        + " ExternalSecret flux-system/cluster-secrets-es (rendered by Flux Kustomization flux-system/vault-secrets);"
        + " ${API_KEY}, ${DB_PASSWORD}, ${other}, ${token} left unresolved"), warning);
    assertTrue(warning.contains("its keys are not known offline"), warning);
  }

  @Test
  void missingWithoutProducerIsAnErrorSayingWhereAndHowToFix() throws Exception {
    // an ExternalSecret for another Secret, and one for this Secret that the profile does not render
    Map<String, String> files = tree(REFERENCES, EXTERNAL_SECRET.replace("name: cluster-secrets", "name: other"));
    files.put("elsewhere/api-keys.yaml", SEALED_SECRET);
    RenderResult error = golden("substitute-runtime", "no-producer", render(files, "vars"));
    assertEquals(RenderStatus.ERROR, error.getStatus());
    assertTrue(error.getError().contains("Flux Kustomization flux-system/vars (written in profiles/p/vars.yaml):"
        + " spec.postBuild.substituteFrom[1]: Secret flux-system/cluster-secrets is neither"), error.getError());
    assertTrue(error.getError().contains("mark the reference optional: true"), error.getError());
  }

  @Test
  void optionalWithoutProducerIsSkippedOptionalWithProducerStillUnresolved() throws Exception {
    String optional = "  - kind: Secret\n    name: cluster-secrets\n    optional: true\n"
        + "  - kind: Secret\n    name: api-keys\n    optional: true\n";
    RenderResult result = render(tree(optional, SEALED_SECRET), "vars");
    String out = out(result);
    assertEquals("none", data(out, "token"), "cluster-secrets: optional and absent, skipped as Flux does");
    assertEquals("${API_KEY}", data(out, "API_KEY"), "api-keys exists at runtime: optional does not skip it");
    assertTrue(result.getWarnings().stream().anyMatch(w -> w.contains("by SealedSecret flux-system/sealed-api")),
        result.getWarnings().toString());
  }
}
