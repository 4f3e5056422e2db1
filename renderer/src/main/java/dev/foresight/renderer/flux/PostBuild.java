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
   */
  public record Result(String text, List<String> warnings, String error, String variablesDigest) {

    Result(String text, List<String> warnings, String error) {
      this(text, warnings, error, null);
    }
  }

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
    for (Object r : FluxYaml.list(ks.postBuild().get("substituteFrom"))) {
      Map<?, ?> ref = FluxYaml.map(r);
      String kind = String.valueOf(ref.get("kind"));
      String name = String.valueOf(ref.get("name"));
      boolean optional = Boolean.TRUE.equals(ref.get("optional"));
      String id = kind + " " + (ks.namespace().isEmpty() ? name : ks.namespace() + "/" + name);
      if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
        continue; // Flux ignores other kinds
      }
      Optional<SubstitutionSources.Found> found = sources.find(kind, ks.namespace(), name);
      if (found.isEmpty()) {
        if (optional) {
          continue;
        }
        return new Result(yaml, warnings, "postBuild.substituteFrom: " + id + " not found in the objects rendered by"
            + " this profile nor in the repository's YAML files; add it, or mark the reference optional: true");
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
            + VAR_NAME.pattern() + "' (Flux rejects it too)");
      }
    }
    boolean always = "Always".equals(String.valueOf(ks.postBuild().get("substituteStrategy")));
    if (vars.isEmpty() && !always && !unreadable) {
      return new Result(yaml, warnings, null);
    }
    Substitution.Result substituted = Substitution.apply(yaml, vars, fromSecret, secretValue);
    if (!substituted.errors().isEmpty()) {
      return new Result(yaml, warnings, "postBuild substitution: " + String.join("; ", substituted.errors()));
    }
    Map<String, List<String>> missing = new LinkedHashMap<>();
    Map<String, List<String>> encryptedOnly = new LinkedHashMap<>();
    substituted.unresolvedIn().forEach((name, objects) ->
        (encryptedNames.contains(name) ? encryptedOnly : missing).put(name, objects));
    if (strict && !missing.isEmpty()) {
      return new Result(yaml, warnings, "unresolved variables " + describe(missing) + ": no value in"
          + " postBuild.substitute or substituteFrom and no default; kustomize-controller with"
          + " StrictPostBuildSubstitutions fails this build (foresight.yaml flux.strictPostBuildSubstitutions: true)."
          + " Define them, or give a default: ${var:=default}");
    }
    missing.putAll(encryptedOnly);
    if (!missing.isEmpty()) {
      warnings.add("unresolved variables " + describe(missing) + ": no value in postBuild.substitute or"
          + " substituteFrom and no default; left as written (Flux would substitute an empty string, or fail the"
          + " build with StrictPostBuildSubstitutions)");
    }
    return new Result(substituted.text(), warnings, null, digest(vars));
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
