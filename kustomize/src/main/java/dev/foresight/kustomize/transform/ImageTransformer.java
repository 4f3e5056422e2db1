package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * kustomize's ImageTagTransformer for one {@code images} entry: first every {@code containers} /
 * {@code initContainers} list anywhere in the object (the legacy walk), then the {@code images}
 * field specs. CustomResourceDefinitions are left alone.
 */
public final class ImageTransformer {

  /** One {@code images} entry. */
  public record Image(String name, String newName, String newTag, String digest, String tagSuffix) {}

  private final Image image;
  private final List<FieldSpec> specs;
  private final Pattern pattern;

  public ImageTransformer(Image image, List<FieldSpec> specs) {
    this.image = image;
    this.specs = specs;
    Pattern compiled;
    try {
      compiled = Pattern.compile("^" + image.name() + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$");
    } catch (PatternSyntaxException e) {
      compiled = null;
    }
    this.pattern = compiled;
  }

  /**
   * Every entry in order, as kustomize runs one transformer per entry; the legacy walk finds each
   * object's containers once (updates change values, never the structure), and objects are
   * independent, so applying all entries object by object is the same.
   */
  public static void applyAll(List<Image> images, List<FieldSpec> specs, ResourceList resources)
      throws KustomizeException {
    if (images.isEmpty()) {
      return;
    }
    List<ImageTransformer> transformers = images.stream().map(i -> new ImageTransformer(i, specs)).toList();
    for (Resource r : resources) {
      if (r.kind().equals("CustomResourceDefinition")) {
        continue;
      }
      List<MapNode> containers = new java.util.ArrayList<>();
      collectContainers(r.node(), containers);
      for (ImageTransformer t : transformers) {
        for (MapNode container : containers) {
          if (container.get("image") != null) {
            t.update(FieldWalker.entrySlot(container, "image"));
          }
        }
        FieldWalker.applyAll(r.node(), specs, FieldWalker.Kind.NONE, null, t::update);
      }
    }
  }

  private static void collectContainers(Node node, List<MapNode> out) {
    if (node instanceof MapNode map) {
      for (MapNode.Entry e : map.entries()) {
        collectContainers(e.value(), out);
        String key = e.key().value();
        if ((key.equals("containers") || key.equals("initContainers")) && e.value() instanceof SeqNode seq) {
          for (Node item : seq.items()) {
            if (item instanceof MapNode container) {
              out.add(container);
            }
          }
        }
      }
    } else if (node instanceof SeqNode seq) {
      for (Node item : seq.items()) {
        collectContainers(item, out);
      }
    }
  }

  /** This one entry (the legacy walk, then the field specs). */
  public void apply(ResourceList resources) throws KustomizeException {
    applyAll(List.of(image), specs, resources);
  }

  private void update(FieldWalker.Slot slot) throws KustomizeException {
    Node node = slot.get();
    if (!(node instanceof ScalarNode scalar)) {
      throw new KustomizeException("wrong node kind: expected ScalarNode but got " + FieldWalker.kindName(node)
          + " (an image field must be a string)");
    }
    String value = scalar.value();
    if (pattern == null || !pattern.matcher(value).matches()) {
      return;
    }
    String[] parts = split(value);
    String name = parts[0];
    String tag = parts[1];
    String digest = parts[2];
    if (!image.newName().isEmpty()) {
      name = image.newName();
    }
    if (!image.newTag().isEmpty() && !image.digest().isEmpty()) {
      tag = image.newTag();
      digest = image.digest();
    } else if (!image.newTag().isEmpty()) {
      tag = image.newTag();
      digest = "";
    } else if (!image.digest().isEmpty()) {
      tag = "";
      digest = image.digest();
    } else if (!image.tagSuffix().isEmpty()) {
      tag += image.tagSuffix();
      digest = "";
    }
    if (!tag.isEmpty()) {
      name += ":" + tag;
    }
    if (!digest.isEmpty()) {
      name += "@" + digest;
    }
    FieldWalker.setScalar(slot, name, null);
  }

  /** name, tag, digest of an image reference (a colon in the registry host is not a tag). */
  static String[] split(String image) {
    String search = image;
    int slash = image.indexOf('/');
    if (slash > 0) {
      search = image.substring(slash);
    } else {
      slash = 0;
    }
    int id = search.indexOf('@');
    int ic = search.indexOf(':');
    if (ic < 0 && id < 0) {
      return new String[] {image, "", ""};
    }
    if (id >= 0 && (id < ic || ic < 0)) {
      id += slash;
      return new String[] {image.substring(0, id), "", image.substring(id + 1)};
    }
    if (id >= 0) {
      id += slash;
      ic += slash;
      return new String[] {image.substring(0, ic), image.substring(ic + 1, id), image.substring(id + 1)};
    }
    ic += slash;
    return new String[] {image.substring(0, ic), image.substring(ic + 1), ""};
  }
}
