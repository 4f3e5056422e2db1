package dev.foresight.app.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Secret values a repository holds in clear at a commit: every {@code kind: Secret} manifest's
 * {@code stringData} values and {@code data} values (base64-decoded, and as written) of at least
 * {@value #MIN_LENGTH} characters. For checking that no view shows one.
 */
final class SecretValues {

  static final int MIN_LENGTH = 6;

  private SecretValues() {}

  static Set<String> atRevision(Path root, String commit) throws IOException {
    Set<String> values = new TreeSet<>();
    try (Repository repository = new FileRepositoryBuilder().findGitDir(root.toFile()).build();
        RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit head = walk.parseCommit(repository.resolve(commit));
      tree.addTree(head.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String path = tree.getPathString();
        if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
          continue;
        }
        ObjectId blob = tree.getObjectId(0);
        String text = new String(repository.open(blob).getBytes(), StandardCharsets.UTF_8);
        if (text.contains("Secret")) {
          collect(text, values);
        }
      }
    }
    return values;
  }

  static void collect(String yaml, Set<String> values) {
    Iterable<Object> documents;
    try {
      documents = new Load(LoadSettings.builder().build()).loadAllFromString(yaml);
      for (Object document : documents) {
        if (document instanceof Map<?, ?> map && "Secret".equals(map.get("kind"))) {
          if (map.get("stringData") instanceof Map<?, ?> stringData) {
            stringData.values().forEach(v -> add(values, String.valueOf(v)));
          }
          if (map.get("data") instanceof Map<?, ?> data) {
            for (Object v : data.values()) {
              String encoded = String.valueOf(v).strip();
              add(values, encoded);
              try {
                add(values, new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8));
              } catch (IllegalArgumentException e) {
                // not base64: kept as written only
              }
            }
          }
        }
      }
    } catch (RuntimeException e) {
      // a file that is not YAML (a template) holds no Secret we can read
    }
  }

  private static void add(Set<String> values, String value) {
    if (value.length() >= MIN_LENGTH) {
      values.add(value);
    }
  }

  /** The values that appear verbatim in any of the outputs. */
  static List<String> leaked(Set<String> values, List<String> outputs) {
    List<String> leaked = new ArrayList<>();
    for (String value : values) {
      if (outputs.stream().anyMatch(o -> o.contains(value))) {
        leaked.add(value);
      }
    }
    return leaked;
  }
}
