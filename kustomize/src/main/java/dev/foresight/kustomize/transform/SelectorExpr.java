package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector string ({@code a=b,c!=d,e in (x,y),f notin (z),g,!h,n>1}) as
 * replacement targets use it for {@code labelSelector} and {@code annotationSelector}. The empty
 * selector matches everything.
 */
public final class SelectorExpr {

  private enum Op { EXISTS, NOT_EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN, GT, LT }

  private record Requirement(String key, Op op, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (op) {
        case EXISTS -> v != null;
        case NOT_EXISTS -> v == null;
        case EQUALS, IN -> v != null && values.contains(v);
        case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
        case GT, LT -> {
          if (v == null) {
            yield false;
          }
          try {
            long have = Long.parseLong(v);
            long want = Long.parseLong(values.iterator().next());
            yield op == Op.GT ? have > want : have < want;
          } catch (NumberFormatException e) {
            yield false;
          }
        }
      };
    }
  }

  private static final Pattern SET = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$");
  private static final Pattern BINARY = Pattern.compile("^([^=!<>\\s]+)\\s*(==|!=|=|>|<)\\s*(\\S*)$");
  private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$");

  private final List<Requirement> requirements;

  private SelectorExpr(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  public static SelectorExpr parse(String text, String what) throws KustomizeException {
    List<Requirement> reqs = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return new SelectorExpr(reqs);
    }
    for (String part : splitTopLevel(text)) {
      String p = part.trim();
      Matcher m;
      if (p.startsWith("!")) {
        reqs.add(new Requirement(key(p.substring(1).trim(), text, what), Op.NOT_EXISTS, Set.of()));
      } else if ((m = SET.matcher(p)).matches()) {
        Set<String> values = new TreeSet<>();
        for (String v : m.group(3).split(",", -1)) {
          values.add(v.trim());
        }
        reqs.add(new Requirement(key(m.group(1), text, what), m.group(2).equals("in") ? Op.IN : Op.NOT_IN, values));
      } else if ((m = BINARY.matcher(p)).matches()) {
        Op op = switch (m.group(2)) {
          case "!=" -> Op.NOT_EQUALS;
          case ">" -> Op.GT;
          case "<" -> Op.LT;
          default -> Op.EQUALS;
        };
        if ((op == Op.GT || op == Op.LT) && !m.group(3).matches("-?\\d+")) {
          throw new KustomizeException(what + " '" + text + "': for '" + m.group(2) + "' the value must be an integer");
        }
        reqs.add(new Requirement(key(m.group(1), text, what), op, Set.of(m.group(3))));
      } else {
        reqs.add(new Requirement(key(p, text, what), Op.EXISTS, Set.of()));
      }
    }
    return new SelectorExpr(reqs);
  }

  private static String key(String key, String text, String what) throws KustomizeException {
    String name = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
    if (!KEY.matcher(name).matches() || name.length() > 63) {
      throw new KustomizeException("unable to parse requirement: " + what + " '" + text + "': invalid key '" + key
          + "' (keys are [prefix/]name, name of alphanumerics, '-', '_', '.')");
    }
    return key;
  }

  private static List<String> splitTopLevel(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }

  public boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }
}
