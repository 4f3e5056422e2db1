package dev.foresight.renderer.flux;

import dev.foresight.renderer.manifest.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Flux {@code spec.postBuild.substitute} over rendered output, one document at a time.
 *
 * <ul>
 *   <li>{@code ${var}} is replaced by the value of {@code var};
 *   <li>{@code ${var:=default}} and {@code ${var:-default}} use the default when {@code var} is
 *       unset or empty;
 *   <li>{@code $${var}} is an escape and yields the literal {@code ${var}};
 *   <li>documents annotated or labelled {@code kustomize.toolkit.fluxcd.io/substitute: disabled}
 *       are left untouched (Flux checks both);
 *   <li>unlike Flux, an undefined variable without default is left as written and reported in
 *       {@link Result#unresolved()} (e.g. it comes from a SOPS Secret that cannot be read offline).
 * </ul>
 */
public final class Substitution {

  public static final String OPT_OUT_ANNOTATION = "kustomize.toolkit.fluxcd.io/substitute";
  private static final Pattern NAME = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
  private static final Pattern OPT_OUT_LINE =
      Pattern.compile("(?m)^\\s*" + Pattern.quote(OPT_OUT_ANNOTATION) + "\\s*:\\s*[\"']?disabled[\"']?\\s*$");

  /** The substituted text and the variables that had neither a value nor a default, in order of appearance. */
  public record Result(String text, List<String> unresolved) {}

  private Substitution() {}

  public static Result apply(String text, Map<String, String> vars) {
    Set<String> unresolved = new LinkedHashSet<>();
    List<String> docs = new ArrayList<>();
    for (String doc : Manifests.split(text)) {
      docs.add(optedOut(doc) ? doc : substitute(doc, vars, unresolved));
    }
    return new Result(Manifests.join(docs), List.copyOf(unresolved));
  }

  private static String substitute(String doc, Map<String, String> vars, Set<String> unresolved) {
    if (doc.indexOf("${") < 0) {
      return doc;
    }
    StringBuilder out = new StringBuilder(doc.length());
    int i = 0;
    while (i < doc.length()) {
      if (doc.startsWith("$${", i)) {
        int close = doc.indexOf('}', i + 3);
        if (close > 0) {
          out.append(doc, i + 1, close + 1);
          i = close + 1;
          continue;
        }
      } else if (doc.startsWith("${", i)) {
        int close = doc.indexOf('}', i + 2);
        if (close > 0) {
          out.append(expand(doc.substring(i, close + 1), vars, unresolved));
          i = close + 1;
          continue;
        }
      }
      out.append(doc.charAt(i));
      i++;
    }
    return out.toString();
  }

  /** {@code expression} is {@code ${...}}; returns it unchanged when it is not a variable. */
  private static String expand(String expression, Map<String, String> vars, Set<String> unresolved) {
    String inner = expression.substring(2, expression.length() - 1);
    int colon = inner.indexOf(':');
    String name = colon < 0 ? inner : inner.substring(0, colon);
    if (!NAME.matcher(name).matches()) {
      return expression;
    }
    String value = vars.get(name);
    if (colon < 0) {
      if (value == null) {
        unresolved.add(name);
        return expression;
      }
      return value;
    }
    String operator = inner.length() > colon + 1 ? inner.substring(colon, colon + 2) : ":";
    if (!operator.equals(":=") && !operator.equals(":-")) {
      return expression;
    }
    return value == null || value.isEmpty() ? inner.substring(colon + 2) : value;
  }

  private static boolean optedOut(String doc) {
    if (!doc.contains(OPT_OUT_ANNOTATION)) {
      return false;
    }
    try {
      Object parsed = new Load(LoadSettings.builder().build()).loadFromString(doc);
      if (parsed instanceof Map<?, ?> object && object.get("metadata") instanceof Map<?, ?> metadata) {
        for (String field : List.of("labels", "annotations")) {
          if (metadata.get(field) instanceof Map<?, ?> values
              && "disabled".equals(String.valueOf(values.get(OPT_OUT_ANNOTATION)))) {
            return true;
          }
        }
      }
      return false;
    } catch (RuntimeException e) {
      return OPT_OUT_LINE.matcher(doc).find();
    }
  }
}
