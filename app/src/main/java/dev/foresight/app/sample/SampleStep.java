package dev.foresight.app.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One step of the sample history, read from {@code sample/steps/NN-slug/} (or, for a component
 * repository, {@code sample/components/<name>/NN-slug/}): {@code step.properties} ({@code
 * kind=commit} with author, email, subject, body and, in a component, an optional release {@code
 * tag}; or {@code kind=promotion} with the branch to fast-forward to master) and the files it
 * writes, under {@code tree/}.
 */
record SampleStep(String name, Properties properties, SortedMap<String, byte[]> files) {

  static final String ROOT = "sample/";

  boolean isPromotion() {
    return "promotion".equals(required("kind"));
  }

  String required(String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      String file = name.equals("initial") ? "initial.properties" : name + "/step.properties";
      throw new IllegalStateException(ROOT + file + ": missing '" + key + "'");
    }
    return value.trim();
  }

  String message() {
    String body = properties.getProperty("body", "").trim();
    return body.isEmpty() ? required("subject") : required("subject") + "\n\n" + body + "\n";
  }

  /** The first commit: every file under {@code sample/tree/}, described by {@code sample/initial.properties}. */
  static SampleStep initial() {
    SortedMap<String, byte[]> top = SampleFiles.read("sample");
    byte[] initial = top.get("initial.properties");
    if (initial == null) {
      throw new IllegalStateException("sample/initial.properties is missing from the class path");
    }
    return new SampleStep("initial", properties(initial), SampleFiles.read(ROOT + "tree"));
  }

  /** The optional release tag a component commit gets, or null. */
  String tag() {
    String tag = properties.getProperty("tag");
    return tag == null || tag.isBlank() ? null : tag.trim();
  }

  /** The later steps of the GitOps repository in the order of their directory names. */
  static List<SampleStep> history() {
    return read("steps");
  }

  /** The component repositories' names: the directories under {@code sample/components/}. */
  static List<String> components() {
    return SampleFiles.read(ROOT + "components").keySet().stream()
        .map(path -> path.substring(0, path.indexOf('/'))).distinct().toList();
  }

  /** The commits of component {@code name} in the order of their directory names. */
  static List<SampleStep> component(String name) {
    return read("components/" + name);
  }

  /** The steps under {@code sample/<dir>/}, each named {@code <dir>/NN-slug}, in directory-name order. */
  private static List<SampleStep> read(String dir) {
    Map<String, SortedMap<String, byte[]>> byStep = new TreeMap<>();
    SampleFiles.read(ROOT + dir).forEach((path, bytes) -> {
      int slash = path.indexOf('/');
      byStep.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>()).put(path.substring(slash + 1), bytes);
    });
    List<SampleStep> steps = new ArrayList<>();
    byStep.forEach((name, files) -> {
      byte[] props = files.get("step.properties");
      if (props == null) {
        throw new IllegalStateException(ROOT + dir + "/" + name + "/step.properties is missing");
      }
      SortedMap<String, byte[]> tree = new TreeMap<>();
      files.forEach((path, bytes) -> {
        if (path.startsWith("tree/")) {
          tree.put(path.substring("tree/".length()), bytes);
        }
      });
      steps.add(new SampleStep(dir + "/" + name, properties(props), tree));
    });
    return steps;
  }

  private static Properties properties(byte[] bytes) {
    Properties properties = new Properties();
    try (InputStreamReader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
