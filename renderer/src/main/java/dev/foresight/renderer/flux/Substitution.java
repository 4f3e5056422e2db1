package dev.foresight.renderer.flux;

import dev.foresight.renderer.manifest.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Flux {@code spec.postBuild.substitute} over rendered output, one document at a time, with the
 * syntax and operators of kustomize-controller's envsubst (see {@link SubstitutionSyntax} and
 * {@link SubstitutionFunctions}):
 *
 * <ul>
 *   <li>{@code ${var}} is replaced by the value of {@code var}; {@code ${var:=default}},
 *       {@code ${var=default}}, {@code ${var:-default}} (and {@code :?}, {@code :+}) use the default
 *       when {@code var} is unset or empty; {@code ${#var}}, {@code ${var^^}}, {@code ${var:1:2}},
 *       {@code ${var%.*}}, {@code ${var//a/b}} and the other operators transform the value;
 *   <li>{@code $$} is an escape for {@code $} anywhere in a document, so {@code $${var}} yields the
 *       literal {@code ${var}};
 *   <li>documents annotated or labelled {@code kustomize.toolkit.fluxcd.io/substitute: disabled}
 *       are left untouched (Flux checks both);
 *   <li>a syntax error (e.g. {@code ${var-default}}, {@code ${a b}}, an unclosed <code>${</code>) fails
 *       the build in kustomize-controller: it is reported in {@link Result#errors()}, as are the
 *       rare expressions whose Flux result is not valid text (a substring that cuts a UTF-8
 *       character, a negative length);
 *   <li>unlike Flux (which substitutes the empty string, or fails in strict mode), a variable
 *       without value used without a default is left as written and reported in
 *       {@link Result#unresolved()} (e.g. it comes from a SOPS Secret that cannot be read offline).
 * </ul>
 */
public final class Substitution {

  public static final String OPT_OUT_ANNOTATION = "kustomize.toolkit.fluxcd.io/substitute";
  private static final Pattern OPT_OUT_LINE =
      Pattern.compile("(?m)^\\s*" + Pattern.quote(OPT_OUT_ANNOTATION) + "\\s*:\\s*[\"']?disabled[\"']?\\s*$");

  /**
   * The substituted text; the variables that had no value and no default, in order of appearance,
   * each with the objects using them; errors that make kustomize-controller fail this build, each
   * naming the object and the expression.
   */
  public record Result(String text, Map<String, List<String>> unresolvedIn, List<String> errors) {

    /** The unresolved variable names, in order of appearance. */
    public List<String> unresolved() {
      return List.copyOf(unresolvedIn.keySet());
    }
  }

  private Substitution() {}

  public static Result apply(String text, Map<String, String> vars) {
    return apply(text, vars, Set.of(), null);
  }

  /**
   * Like {@link #apply(String, Map)}, but the result of every expression that reads a variable
   * named in {@code secret} is substituted as {@code mask.apply(result)} (the operator is applied to
   * the clear value first, so {@code ${password:0:4}} is the mask of what Flux would write).
   */
  public static Result apply(String text, Map<String, String> vars, Set<String> secret, UnaryOperator<String> mask) {
    return apply(text, vars, secret, mask, name -> false);
  }

  /**
   * Like {@link #apply(String, Map, Set, UnaryOperator)}; a variable without value for which
   * {@code unknown} holds has a value at runtime that cannot be known offline (a Secret produced by
   * an ExternalSecret, a SOPS ciphertext): every expression reading it is left as written, defaults
   * included ({@code ${var:=x}} would give the runtime value, not {@code x}), and reported unresolved.
   */
  public static Result apply(String text, Map<String, String> vars, Set<String> secret, UnaryOperator<String> mask,
      java.util.function.Predicate<String> unknown) {
    Map<String, Set<String>> unresolved = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    List<String> docs = new ArrayList<>();
    for (String doc : Manifests.split(text)) {
      docs.add(doc.indexOf('$') < 0 || optedOut(doc) ? doc : substitute(doc, vars, secret, mask, unknown, unresolved, errors));
    }
    Map<String, List<String>> in = new LinkedHashMap<>();
    unresolved.forEach((name, objects) -> in.put(name, List.copyOf(objects)));
    return new Result(Manifests.join(docs), in, List.copyOf(errors));
  }

  private static String substitute(String doc, Map<String, String> vars, Set<String> secret,
      UnaryOperator<String> mask, java.util.function.Predicate<String> unknown, Map<String, Set<String>> unresolved,
      List<String> errors) {
    List<SubstitutionSyntax.Node> nodes;
    try {
      nodes = SubstitutionSyntax.parse(doc);
    } catch (SubstitutionSyntax.SyntaxError e) {
      String object = describe(doc);
      String where = object.startsWith("Secret ") ? "" : " at '" + snippet(doc, e.start) + "'";
      errors.add(object + ": " + e.getMessage() + where + "; kustomize-controller fails the build on it (variable substitution failed). Write a literal $"
          + " as $$, or annotate the object with " + OPT_OUT_ANNOTATION + ": disabled");
      return doc;
    }
    Evaluation evaluation = new Evaluation(doc, vars, secret, mask, unknown);
    StringBuilder out = new StringBuilder(doc.length());
    for (SubstitutionSyntax.Node node : nodes) {
      out.append(evaluation.eval(node));
    }
    String substituted = out.toString();
    if (!substituted.equals(doc)) {
      // kustomize-controller parses what it substituted: the clear values, not their mask tokens
      String broken = evaluation.masked ? yamlError(clear(doc, nodes, vars), true) : yamlError(substituted, false);
      if (broken != null && yamlError(doc, false) == null) {
        evaluation.problems.add("after substitution the object is not valid YAML (" + broken + "); kustomize-controller"
            + " fails the build on it. A substituted value must fit where it lands, e.g. no ': ' in a plain scalar");
      }
    }
    if (!evaluation.unresolved.isEmpty() || !evaluation.problems.isEmpty()) {
      String object = describe(doc);
      evaluation.unresolved.forEach(name -> unresolved.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(object));
      evaluation.problems.forEach(problem -> errors.add(object + ": " + problem));
    }
    return substituted;
  }

  /** {@code doc} substituted with every value in clear (in memory only: to check what Flux would parse). */
  private static String clear(String doc, List<SubstitutionSyntax.Node> nodes, Map<String, String> vars) {
    Evaluation evaluation = new Evaluation(doc, vars, Set.of(), null, name -> false);
    StringBuilder out = new StringBuilder(doc.length());
    for (SubstitutionSyntax.Node node : nodes) {
      out.append(evaluation.eval(node));
    }
    return out.toString();
  }

  /**
   * The first line of the parser's complaint (and where), or null when {@code doc} parses; with
   * {@code secret} (a Secret value in clear in {@code doc}) only where, as a complaint may quote it.
   */
  private static String yamlError(String doc, boolean secret) {
    try {
      new Load(LoadSettings.builder().build()).loadFromString(doc);
      return null;
    } catch (org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException e) {
      return (secret ? "a value from a Secret does not fit" : e.getProblem()) + (e.getProblemMark().isPresent() ? " at line " + (e.getProblemMark().get().getLine() + 1)
          + ", column " + (e.getProblemMark().get().getColumn() + 1) : "");
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  /** Evaluates expressions as envsubst does: arguments first, then the variable, then the operator. */
  private static final class Evaluation {
    final String doc;
    final Map<String, String> vars;
    final Set<String> secret;
    final UnaryOperator<String> mask;
    final java.util.function.Predicate<String> unknown;
    final Set<String> unresolved = new LinkedHashSet<>();
    final List<String> problems = new ArrayList<>();
    /** A Secret-sourced value was substituted as its mask. */
    boolean masked;

    Evaluation(String doc, Map<String, String> vars, Set<String> secret, UnaryOperator<String> mask,
        java.util.function.Predicate<String> unknown) {
      this.doc = doc;
      this.vars = vars;
      this.secret = secret;
      this.mask = mask;
      this.unknown = unknown;
    }

    String eval(SubstitutionSyntax.Node node) {
      if (node instanceof SubstitutionSyntax.Text text) {
        return text.value();
      }
      SubstitutionSyntax.Expression e = (SubstitutionSyntax.Expression) node;
      List<String> args = new ArrayList<>(e.args().size());
      for (SubstitutionSyntax.Node arg : e.args()) {
        args.add(eval(arg));
      }
      String written = doc.substring(e.start(), e.end());
      String value = vars.get(e.param());
      if (value == null && (unknown.test(e.param()) || !SubstitutionFunctions.isDefault(e.op()))) {
        unresolved.add(e.param());
        return written;
      }
      try {
        String result = SubstitutionFunctions.apply(e.op(), value == null ? "" : value, args);
        if (mask == null || value == null || !secret.contains(e.param())) {
          return result;
        }
        if (SubstitutionFunctions.isDefault(e.op())) {
          masked |= !value.isEmpty();
          return value.isEmpty() ? result : mask.apply(value);
        }
        masked = true;
        return mask.apply(result);
      } catch (SubstitutionFunctions.Inexact inexact) {
        problems.add("'" + written + "': " + inexact.getMessage() + "; left as written");
        return written;
      }
    }
  }

  /** The object a document holds, e.g. {@code ConfigMap apps/vars}, for messages. */
  static String describe(String doc) {
    try {
      Object parsed = new Load(LoadSettings.builder().build()).loadFromString(doc);
      if (parsed instanceof Map<?, ?> object && object.get("metadata") instanceof Map<?, ?> metadata) {
        Object namespace = metadata.get("namespace");
        return object.get("kind") + " " + (namespace == null ? "" : namespace + "/") + metadata.get("name");
      }
    } catch (RuntimeException e) {
      // not parseable as one object: fall through
    }
    return "a document starting '" + snippet(doc, 0) + "'";
  }

  private static String snippet(String doc, int from) {
    String rest = doc.substring(from);
    int newline = rest.indexOf('\n');
    String line = newline < 0 ? rest : rest.substring(0, newline);
    return line.length() > 60 ? line.substring(0, 60) + "..." : line;
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
