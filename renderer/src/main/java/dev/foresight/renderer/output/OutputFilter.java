package dev.foresight.renderer.output;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Yaml;
import dev.foresight.renderer.manifest.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Applies {@link OutputRules} to one side's rendered multi-document YAML: {@code mask} rules replace
 * every scalar at the path by its token, {@code ignore} rules remove the field. Documents no rule
 * changes stay byte for byte; changed ones are re-emitted with the kustomize module's writer
 * (kubectl's formatting). Pure and thread-safe.
 */
public final class OutputFilter {

  /** The filtered text and what matched: rules (by index in the config) and objects changed. */
  public record Result(String text, int maskRules, int maskedObjects, int ignoreRules, int ignoredObjects) {

    /** Short notes for the pair's warnings, e.g. {@code ignored fields: 2 rules matched 5 objects}. */
    public List<String> notes() {
      List<String> notes = new ArrayList<>();
      if (ignoreRules > 0) {
        notes.add("ignored fields: " + count(ignoreRules, "rule") + " matched " + count(ignoredObjects, "object"));
      }
      if (maskRules > 0) {
        notes.add("masked fields: " + count(maskRules, "rule") + " matched " + count(maskedObjects, "object"));
      }
      return notes;
    }

    private static String count(int n, String noun) {
      return n + " " + noun + (n == 1 ? "" : "s");
    }
  }

  private OutputFilter() {}

  /** {@code yaml} with {@code rules} applied; {@code token} masks one clear value. */
  public static Result apply(String yaml, OutputRules rules, UnaryOperator<String> token) {
    if (yaml == null || rules.isEmpty()) {
      return new Result(yaml, 0, 0, 0, 0);
    }
    Set<Integer> maskHit = new LinkedHashSet<>();
    Set<Integer> ignoreHit = new LinkedHashSet<>();
    int maskedObjects = 0;
    int ignoredObjects = 0;
    List<String> docs = new ArrayList<>();
    for (String doc : Manifests.split(yaml)) {
      MapNode object = Manifests.isEmpty(doc) ? null : Manifests.mapping(doc);
      if (object == null) {
        docs.add(doc);
        continue;
      }
      String kind = string(object.get("kind"));
      MapNode metadata = object.get("metadata") instanceof MapNode m ? m : new MapNode();
      String name = string(metadata.get("name"));
      String namespace = string(metadata.get("namespace"));
      boolean masked = false;
      boolean ignored = false;
      for (int i = 0; i < rules.mask().size(); i++) {
        OutputRule rule = rules.mask().get(i);
        if (rule.appliesTo(kind, name, namespace) && visit(object, rule.path().segments(), 0, true, token)) {
          maskHit.add(i);
          masked = true;
        }
      }
      for (int i = 0; i < rules.ignore().size(); i++) {
        OutputRule rule = rules.ignore().get(i);
        if (rule.appliesTo(kind, name, namespace) && visit(object, rule.path().segments(), 0, false, token)) {
          ignoreHit.add(i);
          ignored = true;
        }
      }
      maskedObjects += masked ? 1 : 0;
      ignoredObjects += ignored ? 1 : 0;
      docs.add(masked || ignored ? Yaml.emit(object) : doc);
    }
    return new Result(Manifests.join(docs), maskHit.size(), maskedObjects, ignoreHit.size(), ignoredObjects);
  }

  /** Applies the action at the end of {@code path} under {@code node}; true when something changed. */
  private static boolean visit(Node node, List<FieldPath.Segment> path, int i, boolean mask,
      UnaryOperator<String> token) {
    FieldPath.Segment segment = path.get(i);
    boolean last = i == path.size() - 1;
    boolean changed = false;
    if (node instanceof MapNode map) {
      for (MapNode.Entry e : new ArrayList<>(map.entries())) {
        if (!segment.matches(e.key().value())) {
          continue;
        }
        if (!last) {
          changed |= visit(e.value(), path, i + 1, mask, token);
        } else if (mask) {
          boolean[] hit = {false};
          e.value(masked(e.value(), token, hit));
          changed |= hit[0];
        } else {
          map.entries().remove(e);
          changed = true;
        }
      }
    } else if (node instanceof SeqNode seq) {
      int index = segment.index();
      if (segment.wildcard() || index >= 0) {
        List<Node> items = seq.items();
        for (int k = items.size() - 1; k >= 0; k--) {
          if (!segment.wildcard() && k != index) {
            continue;
          }
          if (!last) {
            changed |= visit(items.get(k), path, i + 1, mask, token);
          } else if (mask) {
            boolean[] hit = {false};
            items.set(k, masked(items.get(k), token, hit));
            changed |= hit[0];
          } else {
            items.remove(k);
            changed = true;
          }
        }
      } else {
        for (Node item : seq.items()) {
          changed |= visit(item, path, i, mask, token); // a key applies to every item, as kustomize field specs
        }
      }
    }
    return changed;
  }

  /** {@code node} with every scalar masked; sets {@code changed[0]} when something was. */
  private static Node masked(Node node, UnaryOperator<String> token, boolean[] changed) {
    if (node instanceof ScalarNode s) {
      if (s.isNull() || s.value().startsWith("masked:") || s.value().startsWith("sops-encrypted:")) {
        return node;
      }
      changed[0] = true;
      return ScalarNode.string(token.apply(s.value()));
    }
    if (node instanceof MapNode map) {
      for (MapNode.Entry e : map.entries()) {
        e.value(masked(e.value(), token, changed));
      }
    } else if (node instanceof SeqNode seq) {
      for (int k = 0; k < seq.items().size(); k++) {
        seq.items().set(k, masked(seq.items().get(k), token, changed));
      }
    }
    return node;
  }

  private static String string(Node node) {
    return node instanceof ScalarNode s && !s.isNull() ? s.value() : "";
  }

}
