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

  /** Before any work: {@code --output FILE} must be writable where it is, its directory must exist. */
  public static void checkOutput(Path file, String option) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(option + " " + file + ": directory " + parent + " does not exist; create it"
          + " first (mkdir -p " + parent + ") or give another path");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(option + " " + file + " is a directory; give a file name, e.g. " + file
          + "/report.md");
    }
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
