package dev.foresight.app.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No source, test or resource file of any module names a location of one machine: the project is
 * built in CI and on other laptops, where {@code ../shared} is found relative to the project root
 * or through the {@code foresight.shared} property. A location of one machine is a path that starts
 * at a home or work directory (Linux and macOS home directories, this machine's work directory) or
 * at a Windows drive. System paths that every Unix has (the temporary directory, {@code /etc}) are
 * data in tests (a slug of a path, a refused kustomization path), not a location, and are allowed;
 * so is a path inside another path ({@code <dataDir>/work/}) or a URL.
 *
 * <p>A line that must hold such a path as data (an example input of an upstream test suite) says
 * so with the marker {@value #MARKER} and why, in a comment on the same line.
 */
class MachinePathsTest {

  static final String MARKER = "machine-path-ok";

  /** Starts of paths of one machine, not preceded by a path, URL or placeholder character. */
  static final Pattern MACHINE_PATH = Pattern.compile( // machine-path-ok: the patterns themselves
      "(?<![\\w.~$>}\\])/:@-])(?:/work/|/home/[A-Za-z_][\\w.-]*|/Users/[A-Za-z_][\\w.-]*" // machine-path-ok
          + "|[A-Z]:(?:\\\\{1,2}|/)[A-Za-z0-9_ .-]{3,}(?:\\\\|/))");

  @Test
  void noFileOfAnyModuleNamesAPathOfOneMachine() throws IOException {
    Path root = projectRoot();
    List<String> found = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : (Iterable<Path>) modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml")))::iterator) {
        for (String part : new String[] {"src/main", "src/test"}) {
          Path dir = module.resolve(part);
          if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
              for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                scan(root, file, found);
              }
            }
          }
        }
      }
    }
    assertTrue(found.isEmpty(), "paths of one machine (use ../shared relative to the project root, the"
        + " foresight.shared property or a @TempDir; or mark data with // " + MARKER + ": why):\n"
        + String.join("\n", found));
  }

  @Test
  void thePatternTellsLocationsFromData() {
    for (String location : new String[] {"\"/work/shared/x\"", "Path.of(\"/home/dev/shared\")", // machine-path-ok
        "`/Users/ann/src`", "\"C:\\\\Users\\\\ann\\\\x\"", "C:\\work\\x", "D:/build/x"}) { // machine-path-ok
      assertTrue(MACHINE_PATH.matcher(location).find(), location);
    }
    for (String data : new String[] {"<dataDir>/work/", "https://example.com/home/x", "\"/tmp/x.md\"",
        "a/work/b", "data:\\n  a:\\n", "\"a:\\nb\\n\"", "~/work/x", "$HOME/work"}) {
      assertTrue(!MACHINE_PATH.matcher(data).find(), data);
    }
  }

  private static void scan(Path root, Path file, List<String> found) throws IOException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      return; // binary (a keystore, an image): no path literals to read
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MACHINE_PATH.matcher(lines[i]);
      if (m.find() && !lines[i].contains(MARKER)) {
        found.add(root.relativize(file) + ":" + (i + 1) + ": " + lines[i].trim());
      }
    }
  }

  /** The directory whose pom.xml lists the modules: from the module directory the tests run in, upwards. */
  static Path projectRoot() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
        return dir;
      }
    }
    throw new IllegalStateException("no pom.xml with <modules> above " + Path.of("").toAbsolutePath());
  }
}
