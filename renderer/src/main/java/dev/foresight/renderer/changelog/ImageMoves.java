package dev.foresight.renderer.changelog;

import dev.foresight.renderer.manifest.Manifests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The container images whose tag (or digest) differs between the base and head rendering of one
 * pair: every {@code containers}, {@code initContainers} and {@code ephemeralContainers} list of
 * any object (pod specs, pod templates of any kind, a CronJob's job template), matched by object,
 * place and container name. HelmRelease values are not read.
 */
public final class ImageMoves {

  private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");

  /** One image moving from one version to another. */
  public record Move(String image, String from, String to) {}

  private ImageMoves() {}

  /** The distinct moves, sorted by image, from, to; empty when a side is missing or unreadable. */
  public static List<Move> between(String baseYaml, String headYaml) {
    if (baseYaml == null || headYaml == null || baseYaml.equals(headYaml)) {
      return List.of();
    }
    // a document present unchanged on both sides cannot move an image: read only the others
    List<String> baseDocs = Manifests.split(baseYaml);
    List<String> headDocs = Manifests.split(headYaml);
    Set<String> common = new HashSet<>(baseDocs);
    common.retainAll(new HashSet<>(headDocs));
    Map<String, String> base = images(changedWithImages(baseDocs, common));
    Map<String, String> head = images(changedWithImages(headDocs, common));
    Set<Move> moves = new LinkedHashSet<>();
    for (Map.Entry<String, String> entry : base.entrySet()) {
      String to = head.get(entry.getKey());
      if (to == null) {
        continue;
      }
      ImageRef from = ImageRef.parse(entry.getValue());
      String[] move = from.movesTo(ImageRef.parse(to));
      if (move != null) {
        moves.add(new Move(from.name(), move[0], move[1]));
      }
    }
    List<Move> out = new ArrayList<>(moves);
    out.sort(Comparator.comparing(Move::image).thenComparing(Move::from).thenComparing(Move::to));
    return out;
  }

  private static String changedWithImages(List<String> docs, Set<String> common) {
    List<String> kept = new ArrayList<>();
    for (String doc : docs) {
      if (doc.contains("image:") && !common.contains(doc)) {
        kept.add(doc);
      }
    }
    return Manifests.join(kept);
  }

  /** Container place (object, path, container name) to image, for every container of {@code yaml}. */
  public static Map<String, String> images(String yaml) {
    Map<String, String> out = new LinkedHashMap<>();
    Iterable<Object> docs;
    try {
      docs = new Load(LoadSettings.builder().setLabel("rendered output").build()).loadAllFromString(yaml);
      for (Object doc : docs) {
        if (doc instanceof Map<?, ?> object && !"HelmRelease".equals(object.get("kind"))) {
          walk(object, id(object), out);
        }
      }
    } catch (RuntimeException e) {
      // not YAML: no images (the differ reports the text)
    }
    return out;
  }

  private static String id(Map<?, ?> object) {
    Object metadata = object.get("metadata");
    Map<?, ?> meta = metadata instanceof Map<?, ?> m ? m : Map.of();
    return object.get("apiVersion") + "/" + object.get("kind") + "/" + meta.get("namespace") + "/" + meta.get("name");
  }

  private static void walk(Object node, String path, Map<String, String> out) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        if (CONTAINER_LISTS.contains(key) && entry.getValue() instanceof List<?> list) {
          for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> container && container.get("image") instanceof String image) {
              Object name = container.get("name");
              out.put(path + "." + key + "[" + (name != null ? name : "#" + i) + "]", image);
            }
          }
        } else if (!key.equals("metadata")) {
          walk(entry.getValue(), path + "." + key, out);
        }
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", out);
      }
    }
  }
}
