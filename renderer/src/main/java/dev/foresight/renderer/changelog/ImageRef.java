package dev.foresight.renderer.changelog;

import java.util.Objects;

/**
 * A container image reference split into name, tag and digest:
 * {@code registry.example.com:5000/team/api:1.2@sha256:ab..}. Without tag and digest the tag is
 * {@code latest}, as the container runtime reads it.
 *
 * @param name the image without tag and digest (registry, port and path kept)
 * @param tag the tag, null when only a digest is given
 * @param digest e.g. {@code sha256:ab..}, or null
 */
public record ImageRef(String name, String tag, String digest) {

  public static ImageRef parse(String image) {
    String rest = image.strip();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageRef(rest, tag, digest);
  }

  /** The tag, or the digest when there is no tag. */
  public String version() {
    return tag != null ? tag : digest;
  }

  /**
   * How this image moves to {@code head} of the same name: the two tags when both have one and
   * they differ, else the two digests (or tag where a side has no digest); null when nothing
   * moves or the names differ.
   */
  public String[] movesTo(ImageRef head) {
    if (!name.equals(head.name) || (Objects.equals(tag, head.tag) && Objects.equals(digest, head.digest))) {
      return null;
    }
    if (tag != null && head.tag != null && !tag.equals(head.tag)) {
      return new String[] {tag, head.tag};
    }
    return new String[] {digest != null ? digest : tag, head.digest != null ? head.digest : head.tag};
  }
}
