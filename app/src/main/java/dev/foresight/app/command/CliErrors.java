package dev.foresight.app.command;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.eclipse.jgit.errors.MissingObjectException;

/**
 * The message of a failed command: what is wrong and how to fix it, never a bare path (as
 * {@link FileSystemException#getMessage()} often is) nor a bare exception name.
 */
public final class CliErrors {

  private CliErrors() {}

  public static String describe(Throwable e) {
    if (e instanceof NoSuchFileException missing) {
      return noSuchFile(missing);
    }
    if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
      FileSystemException f = (FileSystemException) e;
      return path(f) + " is a file where a directory is needed; give a directory (it is created when missing)"
          + " or remove the file";
    }
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: " + path(denied) + "; make it writable for this user or choose another path";
    }
    if (e instanceof MissingObjectException missing) {
      return "cannot read " + missing.getObjectId().name() + " (" + missing.getMessage() + "): the repository lacks"
          + " this object; in a shallow clone run git fetch --unshallow (or checkout with fetch-depth: 0)";
    }
    if (e instanceof FileSystemException f) {
      return path(f) + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return "internal error " + e.getClass().getName() + " (a bug: run again with FORESIGHT_VERBOSE=1 and report"
          + " the stack trace)";
    }
    return message;
  }

  /**
   * Before any work: {@code --output FILE} can be written: its directory exists (a file there is
   * named as one), is writable, and FILE is no directory nor a read-only file.
   */
  public static void checkOutput(Path file, String option) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Path file0 = firstFileAbove(parent);
      if (file0 != null) {
        throw new IllegalArgumentException(option + " " + file + ": " + file0 + " is a file, not a directory; give a"
            + " path in a directory (e.g. " + file0.resolveSibling(file.getFileName()) + ") or remove the file");
      }
      throw new IllegalArgumentException(option + " " + file + ": directory " + parent + " does not exist; create it"
          + " first (mkdir -p " + parent + ") or give another path");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(option + " " + file + " is a directory; give a file name, e.g. " + file
          + "/report.md");
    }
    if (parent != null && !Files.isWritable(parent)) {
      throw new IllegalArgumentException(option + " " + file + ": directory " + parent + " is not writable for this"
          + " user; give a path in a writable directory (e.g. under $RUNNER_TEMP or the work directory)");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new IllegalArgumentException(option + " " + file + " exists and is read-only; make it writable (chmod u+w)"
          + " or give another path");
    }
  }

  /**
   * Before any work: {@code --data-dir DIR} is a directory or can be created as one (no file on
   * the way) and is writable.
   */
  public static void checkDataDir(Path dir, String option) {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IllegalArgumentException(option + " " + abs + " is a file where a directory is needed; give a"
          + " directory (it is created when missing) or remove the file");
    }
    Path file = firstFileAbove(abs);
    if (file != null) {
      throw new IllegalArgumentException(option + " " + abs + " cannot be created: " + file + " is a file, not a"
          + " directory; give another directory or remove the file");
    }
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isWritable(existing)) {
      throw new IllegalArgumentException(option + " " + abs + ": " + existing + " is not writable for this user;"
          + " give a writable directory (Foresight keeps mirrors, caches and reports there)");
    }
  }

  /** Before any work: {@code option FILE} is a readable regular file. */
  public static void checkInputFile(Path file, String option, String what) {
    Path abs = file.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      throw new IllegalArgumentException(option + " " + abs + " does not exist; give the path of " + what
          + " (relative paths are from " + Path.of("").toAbsolutePath() + ")");
    }
    if (Files.isDirectory(abs)) {
      throw new IllegalArgumentException(option + " " + abs + " is a directory; give the path of " + what
          + " (a file)");
    }
    if (!Files.isReadable(abs)) {
      throw new IllegalArgumentException(option + " " + abs + " is not readable for this user; make it readable"
          + " (chmod u+r) or give a copy");
    }
  }

  /** The nearest of {@code dir} and its ancestors that exists, when it is a file; else null. */
  private static Path firstFileAbove(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return Files.isDirectory(p) ? null : p;
      }
    }
    return null;
  }

  /** Before any work: {@code --repo DIR} must exist and be a directory. */
  public static void checkRepo(Path dir, String option) {
    if (!Files.exists(dir)) {
      throw new IllegalArgumentException(option + " " + dir.toAbsolutePath() + " does not exist; give the directory"
          + " of a git clone of the GitOps repository");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(option + " " + dir.toAbsolutePath() + " is a file; give the directory of a"
          + " git clone of the GitOps repository");
    }
  }

  private static String noSuchFile(NoSuchFileException e) {
    Path path = Path.of(e.getFile()).toAbsolutePath();
    Path parent = path.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Path missing = parent;
      while (missing.getParent() != null && !Files.exists(missing.getParent())) {
        missing = missing.getParent();
      }
      return path + " cannot be written or read: directory " + missing + " does not exist; create it first"
          + " (mkdir -p " + parent + ") or give another path";
    }
    return path + " does not exist; check the path (relative paths are from " + Path.of("").toAbsolutePath() + ")";
  }

  private static String path(FileSystemException e) {
    return e.getFile() == null ? "a path" : Path.of(e.getFile()).toAbsolutePath().toString();
  }
}
