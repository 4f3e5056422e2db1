package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The key/value pairs of a configMapGenerator/secretGenerator entry (kustomize's kv loader):
 * {@code envs} files first, then {@code literals}, then {@code files}; keys validated, repeats
 * refused. Values keep their bytes: a value that is not valid UTF-8 is held as ISO-8859-1 text and
 * flagged in {@link #binary}.
 */
final class KvPairs {

  private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  /** Values by key, in load order. */
  final Map<String, byte[]> values = new LinkedHashMap<>();

  private KvPairs() {}

  static KvPairs load(MapNode args, String name, FileLoader loader, String field) throws KustomizeException {
    List<String[]> pairs = new ArrayList<>();
    List<byte[]> raw = new ArrayList<>();
    for (String env : GeneratorArgs.strings(args, "envs")) {
      byte[] content = loader.load(env, field + ".envs");
      String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        if (i == 0 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        line = line.stripLeading();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf('=');
        String key = eq < 0 ? line : line.substring(0, eq);
        if (!ENV_VAR_NAME.matcher(key).matches()) {
          throw KustomizeException.at(loader.file(), field + ".envs", 0, "env source files: [" + env + "]: '" + key
              + "' in " + env + ": a valid environment variable name must consist of alphabetic characters, digits, "
              + "'_', '-', or '.', and must not start with a digit");
        }
        pairs.add(new String[] {key});
        raw.add((eq < 0 ? "" : line.substring(eq + 1)).getBytes(StandardCharsets.UTF_8));
      }
    }
    for (String literal : GeneratorArgs.strings(args, "literals")) {
      int eq = literal.indexOf('=');
      if (eq <= 0) {
        throw KustomizeException.at(loader.file(), field + ".literals", 0, "invalid literal source " + literal
            + ", expected key=value");
      }
      pairs.add(new String[] {literal.substring(0, eq)});
      raw.add(removeQuotes(literal.substring(eq + 1)).getBytes(StandardCharsets.UTF_8));
    }
    for (String source : GeneratorArgs.strings(args, "files")) {
      long separators = source.chars().filter(c -> c == '=').count();
      String key;
      String path;
      if (separators == 0) {
        path = source;
        String trimmed = source.replaceAll("/+$", "");
        key = trimmed.isEmpty() ? "/" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
      } else if (separators == 1 && source.startsWith("=")) {
        throw KustomizeException.at(loader.file(), field + ".files", 0, "missing key name for file path \""
            + source.substring(1) + "\" in source \"" + source + "\"");
      } else if (separators == 1 && source.endsWith("=")) {
        throw KustomizeException.at(loader.file(), field + ".files", 0, "missing file path for key name \""
            + source.substring(0, source.length() - 1) + "\" in source \"" + source + "\"");
      } else if (separators > 1) {
        throw KustomizeException.at(loader.file(), field + ".files", 0, "source \"" + source
            + "\" key name or file path contains '='");
      } else {
        key = source.substring(0, source.indexOf('='));
        path = source.substring(source.indexOf('=') + 1);
      }
      pairs.add(new String[] {key});
      raw.add(loader.load(path, field + ".files"));
    }
    KvPairs out = new KvPairs();
    for (int i = 0; i < pairs.size(); i++) {
      String key = pairs.get(i)[0];
      if (key.length() > 253 || !CONFIG_MAP_KEY.matcher(key).matches() || key.equals(".") || key.equals("..")
          || key.startsWith("..")) {
        throw KustomizeException.at(loader.file(), field, 0, "\"" + key + "\" is not a valid key name for a "
            + "ConfigMap or Secret: keys consist of alphanumeric characters, '-', '_' or '.'");
      }
      if (out.values.containsKey(key)) {
        throw KustomizeException.at(loader.file(), field, 0, "configmap " + name + " illegally repeats the key `"
            + key + "`");
      }
      out.values.put(key, raw.get(i));
    }
    return out;
  }

  static String removeQuotes(String s) {
    if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1)) {
      return s;
    }
    if (s.charAt(0) == '"' || s.charAt(0) == '\'') {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
