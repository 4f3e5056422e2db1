package dev.foresight.app.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a resource directory, from classes on disk or from inside the jar, as path → bytes. */
final class SampleFiles {

  private SampleFiles() {}

  /**
   * Every regular file below {@code resourceDir}, keyed by its path relative to it ('/'-separated).
   * An absent directory reads as empty.
   */
  static SortedMap<String, byte[]> read(String resourceDir) {
    URL url = SampleFiles.class.getClassLoader().getResource(resourceDir);
    if (url == null) {
      return new TreeMap<>();
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = openJar(uri)) {
          return readTree(jar.getPath(resourceDir));
        }
      }
      return readTree(Path.of(uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad resource URL " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample resources " + resourceDir, e);
    }
  }

  private static FileSystem openJar(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      // opened elsewhere: read through a second, private instance of the same zip
      String jarPath = uri.getSchemeSpecificPart().substring(0, uri.getSchemeSpecificPart().indexOf("!/"));
      return FileSystems.newFileSystem(Path.of(URI.create(jarPath)), (ClassLoader) null);
    }
  }

  private static SortedMap<String, byte[]> readTree(Path root) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        String relative = root.relativize(path).toString().replace('\\', '/');
        files.put(relative, Files.readAllBytes(path));
      }
    }
    return files;
  }
}
