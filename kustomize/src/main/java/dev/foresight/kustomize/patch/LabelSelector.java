package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Kubernetes label selector string ({@code a=b, c!=d, e in (f,g), h notin (i), j, !k}) as
 * {@code labels.Parse} reads it; used for both labelSelector and annotationSelector.
 */
final class LabelSelector {

  private record Requirement(String key, String op, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (op) {
        case "exists" -> labels.containsKey(key);
        case "!" -> !labels.containsKey(key);
        case "=", "==", "in" -> v != null && values.contains(v);
        case "!=", "notin" -> v == null || !values.contains(v);
        case ">", "<" -> {
          if (v == null) {
            yield false;
          }
          try {
            long have = Long.parseLong(v);
            long want = Long.parseLong(values.iterator().next());
            yield op.equals(">") ? have > want : have < want;
          } catch (NumberFormatException e) {
            yield false;
          }
        }
        default -> false;
      };
    }
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  static LabelSelector parse(String text) throws KustomizeException {
    List<Requirement> out = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      String p = part.trim();
      if (p.isEmpty()) {
        if (text.trim().isEmpty()) {
          continue;
        }
        throw new KustomizeException("unable to parse selector '" + text + "': empty requirement");
      }
      out.add(requirement(p, text));
    }
    return new LabelSelector(out);
  }

  private static Requirement requirement(String p, String text) throws KustomizeException {
    if (p.startsWith("!")) {
      return new Requirement(p.substring(1).trim(), "!", Set.of());
    }
    java.util.regex.Matcher set = java.util.regex.Pattern
        .compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$").matcher(p);
    if (set.matches()) {
      Set<String> values = new TreeSet<>();
      for (String v : set.group(3).split(",", -1)) {
        values.add(v.trim());
      }
      return new Requirement(set.group(1), set.group(2), values);
    }
    for (String op : new String[] {"==", "!=", "=", ">", "<"}) {
      int i = p.indexOf(op);
      if (i > 0) {
        return new Requirement(p.substring(0, i).trim(), op, Set.of(p.substring(i + op.length()).trim()));
      }
    }
    if (p.matches("[A-Za-z0-9._/-]+")) {
      return new Requirement(p, "exists", Set.of());
    }
    throw new KustomizeException("unable to parse selector '" + text + "' at '" + p + "'");
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts;
  }
}
