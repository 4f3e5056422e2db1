package dev.foresight.renderer.flux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code spec.postBuild} as kustomize-controller applies it after the build (fluxcd/pkg
 * {@code SubstituteVariables}/{@code LoadVariables}): variables from {@code substituteFrom} in
 * order (later ones override), then {@code substitute} (wins); newlines removed from values;
 * ConfigMap {@code data}, Secret {@code data} (base64) overlaid by {@code stringData} (as the API
 * server merges them); a missing object is skipped when {@code optional: true}, else an error;
 * substitution runs only when there are variables or {@code substituteStrategy: Always}.
 *
 * <p>A Secret found nowhere but produced at runtime by an object the profile renders (an
 * ExternalSecret, a SealedSecret...: {@link RuntimeProducers}) exists for Flux, optional or not: its
 * variables are left as written (defaults included, as the runtime value would win) and a warning
 * names them and the producer; values are never guessed. Not found and not produced: an error,
 * unless {@code optional: true}.
 *
 * <p>Offline differences: values of SOPS-encrypted Secrets ({@code sops:} key or {@code ENC[...]}
 * values) cannot be read, so their variables stay unresolved (and substitution runs, to report
 * them); undefined variables are left as written and reported, not emptied. Warnings name
 * variables and objects, never values; the renderer substitutes Secret-sourced values as mask
 * tokens (see the four-argument {@code apply}).
 */
public final class PostBuild {

  private static final Pattern VAR_NAME = Pattern.compile("^[_a-zA-Z][_a-zA-Z0-9]*$");

  /**
   * The substituted output, warnings, or an error (a required object is missing, an invalid name).
   * {@code variablesDigest}: SHA-256 over the variables used (names and values), null when nothing
   * was substituted; for affected-only decisions inside the renderer, never to be published.
   * {@code notFound}: the substituteFrom objects neither found nor produced (e.g.
   * {@code Secret flux-system/vars}), skipped when optional, else the error.
   */
  public record Result(String text, List<String> warnings, String error, String variablesDigest,
      List<String> notFound) {

    public Result {
      notFound = notFound == null ? List.of() : List.copyOf(notFound);
    }

    Result(String text, List<String> warnings, String error) {
      this(text, warnings, error, null, null);
    }
  }

  /** A substituteFrom Secret produced at runtime, in substituteFrom order. */
  private record Runtime(String id, SubstitutionSources.Producer producer) {}

  private PostBuild() {}

  /** Applies {@code ks}'s postBuild to its built output {@code yaml}; nothing when postBuild is unset. */
  public static Result apply(String yaml, FluxKustomization ks, SubstitutionSources sources) {
    return apply(yaml, ks, sources, null);
  }

  /**
   * Like {@link #apply(String, FluxKustomization, SubstitutionSources)}, but a variable whose value
   * comes from a Secret is substituted as {@code secretValue.apply(value)} (e.g. a mask token), so
   * Secret values never appear in clear in other objects (HelmRelease values, ConfigMaps).
   */
  public static Result apply(String yaml, FluxKustomization ks, SubstitutionSources sources,
      UnaryOperator<String> secretValue) {
    return apply(yaml, ks, sources, secretValue, false);
  }

  /**
   * Like {@link #apply(String, FluxKustomization, SubstitutionSources, UnaryOperator)}; with
   * {@code strict} (foresight.yaml {@code flux.strictPostBuildSubstitutions}, kustomize-controller's
   * feature gate {@code StrictPostBuildSubstitutions}) a variable without value and without default
   * is an error, as the build fails there; without it, a warning. Variables that only SOPS-encrypted
   * Secrets could give stay warnings either way (their values exist in the cluster).
   */
  public static Result apply(String yaml, FluxKustomization ks, SubstitutionSources sources,
      UnaryOperator<String> secretValue, boolean strict) {
    if (!ks.hasPostBuild()) {
      return new Result(yaml, List.of(), null);
    }
    List<String> warnings = new ArrayList<>();
    Map<String, String> vars = new LinkedHashMap<>();
    Set<String> fromSecret = new HashSet<>();
    boolean unreadable = false;
    Set<String> encryptedNames = new HashSet<>();
    List<Runtime> runtime = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    Set<String> runtimeNames = new HashSet<>();
    List<?> refs = FluxYaml.list(ks.postBuild().get("substituteFrom"));
    for (int index = 0; index < refs.size(); index++) {
      Map<?, ?> ref = FluxYaml.map(refs.get(index));
      String kind = String.valueOf(ref.get("kind"));
      String name = String.valueOf(ref.get("name"));
      boolean optional = Boolean.TRUE.equals(ref.get("optional"));
      String id = kind + " " + (ks.namespace().isEmpty() ? name : ks.namespace() + "/" + name);
      if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
        continue; // Flux ignores other kinds
      }
      Optional<SubstitutionSources.Found> found = sources.find(kind, ks.namespace(), name);
      Optional<SubstitutionSources.Producer> producer = found.isPresent() || !kind.equals("Secret")
          ? Optional.empty() : sources.producerOf(ks.namespace(), name);
      if (producer.isPresent()) {
        // it exists at runtime (optional or not), with values no one can read offline
        RuntimeProducers.Produced produced = producer.get().produced();
        runtime.add(new Runtime(id, producer.get()));
        unreadable = true;
        produced.keys().forEach(k -> {
          vars.remove(k);
          fromSecret.remove(k);
          runtimeNames.add(k);
        });
        if (produced.open()) {
          runtimeNames.add(null); // any name not defined by a later source
        }
        continue;
      }
      if (found.isEmpty()) {
        notFound.add(id);
        if (optional) {
          continue;
        }
        String producers = kind.equals("Secret") ? ", and nothing this profile renders produces it at runtime ("
            + String.join(", ", RuntimeProducers.KINDS) + ")" : "";
        return new Result(yaml, warnings, "spec.postBuild.substituteFrom[" + index + "]: " + id + " is neither in the"
            + " objects rendered by this profile nor in the repository's YAML files" + producers
            + "; add the " + kind + " to the repository (or what produces it), or mark the reference optional: true"
            + " when the build may go without it", null, notFound);
      }
      List<String> encrypted = new ArrayList<>();
      Map<?, ?> object = found.get().object();
      if (kind.equals("ConfigMap")) {
        FluxYaml.map(object.get("data")).forEach((k, v) -> {
          vars.put(String.valueOf(k), clean(v));
          fromSecret.remove(String.valueOf(k));
        });
      } else {
        boolean sops = object.containsKey("sops");
        FluxYaml.map(object.get("data")).forEach((k, v) -> {
          String raw = v == null ? "" : String.valueOf(v);
          if (raw.contains("ENC[") || sops && !isBase64(raw)) {
            encrypted.add(String.valueOf(k));
            vars.remove(String.valueOf(k));
          } else {
            vars.put(String.valueOf(k), clean(new String(Base64.getMimeDecoder().decode(raw), StandardCharsets.UTF_8)));
            fromSecret.add(String.valueOf(k));
          }
        });
        FluxYaml.map(object.get("stringData")).forEach((k, v) -> {
          if (String.valueOf(v).contains("ENC[")) {
            encrypted.add(String.valueOf(k));
            vars.remove(String.valueOf(k));
          } else {
            vars.put(String.valueOf(k), clean(v));
            fromSecret.add(String.valueOf(k));
          }
        });
      }
      if (!encrypted.isEmpty()) {
        unreadable = true;
        encryptedNames.addAll(encrypted);
        warnings.add("postBuild.substituteFrom: " + id + " is SOPS-encrypted and cannot be read offline; variables "
            + String.join(", ", encrypted) + " stay unresolved");
      }
    }
    ks.substitute().forEach((k, v) -> {
      vars.put(k, v.replace("\n", ""));
      fromSecret.remove(k);
    });
    for (String name : vars.keySet()) {
      if (!VAR_NAME.matcher(name).matches()) {
        return new Result(yaml, warnings, "postBuild: '" + name + "' var name is invalid, must match '"
            + VAR_NAME.pattern() + "' (Flux rejects it too)", null, notFound);
      }
    }
    boolean always = "Always".equals(String.valueOf(ks.postBuild().get("substituteStrategy")));
    if (vars.isEmpty() && !always && !unreadable) {
      return new Result(yaml, warnings, null, null, notFound);
    }
    boolean anyName = runtimeNames.contains(null);
    Substitution.Result substituted = Substitution.apply(yaml, vars, fromSecret, secretValue,
        name -> anyName || runtimeNames.contains(name) || encryptedNames.contains(name));
    if (!substituted.errors().isEmpty()) {
      return new Result(yaml, warnings, "postBuild substitution: " + String.join("; ", substituted.errors()), null,
          notFound);
    }
    Map<String, List<String>> missing = new LinkedHashMap<>();
    Map<String, List<String>> encryptedOnly = new LinkedHashMap<>();
    Map<Runtime, List<String>> fromRuntime = new LinkedHashMap<>();
    runtime.forEach(r -> fromRuntime.put(r, new ArrayList<>()));
    substituted.unresolvedIn().forEach((name, objects) -> {
      Runtime producedBy = encryptedNames.contains(name) ? null : producing(runtime, name);
      if (producedBy != null) {
        fromRuntime.get(producedBy).add("${" + name + "}");
      } else {
        (encryptedNames.contains(name) ? encryptedOnly : missing).put(name, objects);
      }
    });
    fromRuntime.forEach((r, names) -> warnings.add(runtimeWarning(r, names)));
    if (strict && !missing.isEmpty()) {
      return new Result(yaml, warnings, "unresolved variables " + describe(missing) + ": no value in"
          + " postBuild.substitute or substituteFrom and no default; kustomize-controller with"
          + " StrictPostBuildSubstitutions fails this build (foresight.yaml flux.strictPostBuildSubstitutions: true)."
          + " Define them, or give a default: ${var:=default}", null, notFound);
    }
    missing.putAll(encryptedOnly);
    if (!missing.isEmpty()) {
      warnings.add("unresolved variables " + describe(missing) + ": no value in postBuild.substitute or"
          + " substituteFrom and no default; left as written (Flux would substitute an empty string, or fail the"
          + " build with StrictPostBuildSubstitutions)");
    }
    Map<String, String> digested = new LinkedHashMap<>(vars);
    runtime.forEach(r -> digested.put("\u0001" + r.id(), r.producer().produced().toString()));
    return new Result(substituted.text(), warnings, null, digest(digested), notFound);
  }

  /** The last runtime-produced source that may hold {@code name} (later substituteFrom entries win). */
  private static Runtime producing(List<Runtime> runtime, String name) {
    for (int i = runtime.size() - 1; i >= 0; i--) {
      if (runtime.get(i).producer().produced().mayHold(name)) {
        return runtime.get(i);
      }
    }
    return null;
  }

  /**
   * {@code substituteFrom Secret ns/x is produced at runtime by ExternalSecret ns/x (output of ...);
   * ${A}, ${B} left unresolved}: names only, no value is known (nor guessed).
   */
  private static String runtimeWarning(Runtime r, List<String> names) {
    RuntimeProducers.Produced produced = r.producer().produced();
    String keys = produced.open() ? "; its keys are not known offline, so any variable no other source defines"
        + " may come from it (values of earlier sources are kept)" : "";
    return "postBuild.substituteFrom " + r.id() + " is produced at runtime by " + produced.producer() + " ("
        + r.producer().where() + "); " + (names.isEmpty() ? "none of its variables is used here"
        : String.join(", ", names) + " left unresolved (their values exist only in the cluster)") + keys;
  }

  /** {@code ${a} (ConfigMap ns/x), ${b} (Deployment ns/y, Service ns/y)}. */
  private static String describe(Map<String, List<String>> unresolved) {
    List<String> parts = new ArrayList<>();
    unresolved.forEach((name, objects) -> parts.add("${" + name + "} (in " + String.join(", ", objects) + ")"));
    return String.join(", ", parts);
  }

  private static String digest(Map<String, String> vars) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(vars).entrySet()) {
        sha.update((e.getKey() + "\u0000" + e.getValue() + "\u0000").getBytes(StandardCharsets.UTF_8));
      }
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String clean(Object value) {
    return value == null ? "" : String.valueOf(value).replace("\n", "");
  }

  private static boolean isBase64(String value) {
    try {
      Base64.getMimeDecoder().decode(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
