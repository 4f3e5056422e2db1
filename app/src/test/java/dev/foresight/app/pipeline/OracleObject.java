package dev.foresight.app.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One object of {@code kubectl kustomize}'s output, read by the oracle on its own: the output is cut
 * at lines that are exactly {@code ---}, each piece's identity is read with snakeyaml-engine, and
 * its text is the piece's lines, each ending with a newline (the separator is not part of it).
 */
record OracleObject(String apiVersion, String kind, String namespace, String name, String text) {

  /** The objects of a multi-document output, in order; blank pieces are not objects. */
  static List<OracleObject> split(String yaml) {
    List<OracleObject> objects = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (String line : lines(yaml)) {
      if (line.equals("---")) {
        add(piece, objects);
      } else {
        piece.append(line).append('\n');
      }
    }
    add(piece, objects);
    return objects;
  }

  /** The lines of a text cut at "\n"; a final newline does not start another line. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Lines back into a text, each ending with a newline. */
  static String join(List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  private static void add(StringBuilder piece, List<OracleObject> out) {
    String text = piece.toString();
    piece.setLength(0);
    if (text.isBlank()) {
      return;
    }
    Map<?, ?> object = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(text);
    Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
    Object namespace = metadata.get("namespace");
    out.add(new OracleObject(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")),
        namespace == null ? null : namespace.toString(), String.valueOf(metadata.get("name")), text));
  }

  /**
   * Identity across two renders as docs/report-json.md defines it: API group (not version), kind,
   * namespace and name.
   */
  static String identity(String apiVersion, String kind, String namespace, String name) {
    int slash = apiVersion.indexOf('/');
    return (slash < 0 ? "" : apiVersion.substring(0, slash)) + "|" + kind + "|" + (namespace == null ? "" : namespace)
        + "|" + name;
  }

  String identity() {
    return identity(apiVersion, kind, namespace, name);
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} when cluster-scoped: the object's part of the diff's file names. */
  String path() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  /** A core v1 Secret: the renderer masks its values, so its text is not kubectl's. */
  boolean secret() {
    return "v1".equals(apiVersion) && "Secret".equals(kind);
  }

  /** The clear values of a Secret: {@code data} decoded from base64, {@code stringData} as written. */
  List<String> secretValues() {
    List<String> values = new ArrayList<>();
    Map<?, ?> object = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(text);
    if (object.get("data") instanceof Map<?, ?> data) {
      data.values().forEach(v -> values.add(
          new String(Base64.getMimeDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
    }
    if (object.get("stringData") instanceof Map<?, ?> stringData) {
      stringData.values().forEach(v -> values.add(String.valueOf(v)));
    }
    return values;
  }
}
