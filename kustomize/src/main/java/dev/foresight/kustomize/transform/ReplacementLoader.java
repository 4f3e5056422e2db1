package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.TreePath;
import dev.foresight.kustomize.build.BuildContext;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;

/**
 * The kustomization's {@code replacements} field: each entry is a replacement written inline
 * ({@code source}/{@code targets}) or {@code path:} a file holding one replacement or a list.
 */
final class ReplacementLoader {

  private ReplacementLoader() {}

  static List<ReplacementSpec> load(MapNode kustomization, BuildContext ctx) throws KustomizeException {
    Node field = kustomization.get("replacements");
    List<ReplacementSpec> out = new ArrayList<>();
    if (field == null || field instanceof ScalarNode s && s.isNull()) {
      return out;
    }
    if (!(field instanceof SeqNode entries)) {
      throw KustomizeException.at(ctx.file(), "replacements", field.line(), "expected a list of replacements");
    }
    for (Node entry : entries.items()) {
      if (!(entry instanceof MapNode m)) {
        throw KustomizeException.at(ctx.file(), "replacements", entry.line(),
            "each replacement is a map: 'path: FILE' or 'source' and 'targets'");
      }
      String path = JsonFields.string(m, "path");
      if (path.isEmpty()) {
        out.add(parse(entry, ctx.file(), entry.line()));
        continue;
      }
      if (JsonFields.get(m, "source") instanceof MapNode || JsonFields.get(m, "targets") instanceof SeqNode s
          && !s.items().isEmpty()) {
        throw KustomizeException.at(ctx.file(), "replacements", entry.line(),
            "cannot specify both path and inline replacement");
      }
      String file = TreePath.resolve(ctx.dir(), path);
      List<Node> docs = Yaml.parseAll(ctx.read(path, "replacements"), file);
      Node doc = docs.isEmpty() ? null : docs.get(0);
      if (doc instanceof SeqNode list) {
        for (Node item : list.items()) {
          out.add(parse(item, file, item.line()));
        }
      } else if (doc instanceof MapNode) {
        out.add(parse(doc, file, doc.line()));
      } else {
        throw KustomizeException.at(ctx.file(), "replacements", entry.line(),
            "unsupported replacement type encountered within replacement path: " + path
                + " (the file must hold one replacement map or a list of them)");
      }
    }
    return out;
  }

  private static ReplacementSpec parse(Node node, String file, int line) throws KustomizeException {
    try {
      return ReplacementSpec.parse(node, "replacement");
    } catch (KustomizeException e) {
      throw KustomizeException.at(file, "replacements", line, e.getMessage());
    }
  }
}
