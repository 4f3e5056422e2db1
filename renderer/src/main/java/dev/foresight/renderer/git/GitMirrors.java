package dev.foresight.renderer.git;

import dev.foresight.kustomize.FileTree;
import dev.foresight.schema.ChangeIds;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * One bare mirror (all refs: branches, tags, pull request heads) per repository URL or local path,
 * under {@code <dataDir>/mirrors/<name>-<hash>}. Cloned on first use, fetched when a commit is not
 * there yet (every ref, then the commit by id). Clone and fetch are serialised per mirror across
 * threads and processes sharing the data directory (a file lock next to the mirror); reads are
 * safe from any thread.
 */
public final class GitMirrors implements AutoCloseable {

  /** Git tree objects whose entries are kept per mirror (a directory listing each; ~100 bytes per entry). */
  private static final int TREES_INDEXED = 20_000;

  private final Path mirrorsDir;
  private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();

  public GitMirrors(Path dataDir) {
    this.mirrorsDir = dataDir.resolve("mirrors");
  }

  /** The mirror of {@code repo} (URL or local path), cloned when missing. */
  public Repository open(String repo) throws IOException {
    return mirror(repo).repository();
  }

  /** The commit {@code sha} of {@code repo}, fetching once when it is not in the mirror yet. */
  public ObjectId resolve(String repo, String sha) throws IOException {
    Mirror mirror = mirror(repo);
    ObjectId id;
    try {
      id = ObjectId.fromString(sha);
    } catch (IllegalArgumentException e) {
      throw new IOException("'" + sha + "' is not a full 40-hex commit id (repository " + repo + ")");
    }
    if (hasCommit(mirror.repository(), id)) {
      return id;
    }
    String byId = mirror.fetchUnless(id);
    if (!hasCommit(mirror.repository(), id)) {
      throw new IOException("commit " + abbreviate(sha) + " not found in " + repo + " after fetch of every ref and of "
          + sha + " itself" + (byId == null ? "" : " (" + byId + ")") + "; check that it was pushed, that no"
          + " force-push or branch deletion dropped it (the server may have removed it), and that the mirror "
          + mirror.dir + " can fetch from " + repo);
    }
    return id;
  }

  /** The files of commit {@code sha}; {@link ChangeIds#ZERO_SHA} gives the empty tree. */
  public FileTree tree(String repo, String sha) throws IOException {
    Mirror mirror = mirror(repo);
    if (ChangeIds.ZERO_SHA.equals(sha)) {
      return new GitFileTree(mirror.index(), null, "empty tree");
    }
    ObjectId commit = resolve(repo, sha);
    try (RevWalk walk = new RevWalk(mirror.repository())) {
      RevCommit parsed = walk.parseCommit(commit);
      return new GitFileTree(mirror.index(), parsed.getTree().getId(), "commit " + abbreviate(sha) + " of " + repo);
    }
  }

  /**
   * The commit {@code ref} (branch, tag, or full commit id) of {@code repo} points at, fetching
   * first unless this mirror was fetched in the last {@code maxAge}.
   *
   * @throws IOException when the ref does not exist (names it, and the repository)
   */
  public String tip(String repo, String ref, java.time.Duration maxAge) throws IOException {
    Mirror mirror = mirror(repo);
    if (ref.matches("[0-9a-f]{40}")) {
      return resolve(repo, ref).name();
    }
    mirror.fetchIfOlder(maxAge);
    Repository repository = mirror.repository();
    for (String name : new String[] {ref, "refs/heads/" + ref, "refs/tags/" + ref}) {
      org.eclipse.jgit.lib.Ref found = repository.exactRef(name);
      if (found != null) {
        ObjectId id = found.getPeeledObjectId() != null ? found.getPeeledObjectId() : found.getObjectId();
        try (RevWalk walk = new RevWalk(repository)) {
          return walk.parseCommit(id).getName();
        }
      }
    }
    throw new IOException("ref '" + ref + "' not found in " + repo + "; check the branch or tag in foresight.yaml");
  }

  /** When this process last cloned or fetched the mirror of {@code repo}; empty when it did not. */
  public java.util.Optional<java.time.Instant> fetchedAt(String repo) {
    Mirror mirror = mirrors.get(repo);
    return java.util.Optional.ofNullable(mirror == null ? null : mirror.fetchedWall);
  }

  /** Where the mirror of {@code repo} lives. */
  public Path directory(String repo) {
    return mirrorsDir.resolve(dirName(repo));
  }

  @Override
  public void close() {
    // a mirror whose clone failed has no repository: its error was the caller's, closing adds none
    mirrors.values().stream().map(Mirror::repository).filter(java.util.Objects::nonNull).forEach(Repository::close);
    mirrors.clear();
  }

  public static String abbreviate(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private Mirror mirror(String repo) throws IOException {
    Mirror mirror = mirrors.computeIfAbsent(repo, r -> new Mirror(r, directory(r)));
    mirror.ensureCloned();
    return mirror;
  }

  private static boolean hasCommit(Repository repository, ObjectId id) throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.parseCommit(id);
      return true;
    } catch (MissingObjectException e) {
      return false;
    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      throw new IOException(abbreviate(id.name()) + " is not a commit", e);
    }
  }

  static String dirName(String repo) {
    String trimmed = repo.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
    String last = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1);
    String name = last.replaceAll("[^A-Za-z0-9._-]", "-");
    if (name.isEmpty() || name.startsWith(".")) {
      name = "repo" + name;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(repo.getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One mirror. Clone and fetch run under its {@link MirrorLock} (threads of this JVM and other
   * processes sharing the data directory); reads need no lock.
   */
  private static final class Mirror {
    private final String repo;
    private final Path dir;
    private final MirrorLock lock;
    private volatile Repository repository;
    private volatile TreeIndex index;
    private long fetchedAt;
    private boolean fetched;
    private volatile java.time.Instant fetchedWall;

    Mirror(String repo, Path dir) {
      this.repo = repo;
      this.dir = dir;
      this.lock = new MirrorLock(dir.resolveSibling(dir.getFileName() + ".lock"));
    }

    Repository repository() {
      return repository;
    }

    TreeIndex index() {
      return index;
    }

    void ensureCloned() throws IOException {
      if (repository != null) {
        return;
      }
      lock.call(() -> {
        if (repository != null) {
          return null;
        }
        if (!Files.isDirectory(dir.resolve("objects")) && cloneInto()) {
          markFetched();
        }
        Repository opened = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
        index = new TreeIndex(opened, TREES_INDEXED);
        repository = opened;
        return null;
      });
    }

    /**
     * Makes commit {@code id} present unless it already is (another thread or process may have
     * fetched it while this one waited for the lock): fetches every ref, then, when no ref leads
     * to it (a force-pushed-away commit, a hidden ref), the commit itself by id, which servers
     * allow when they accept any (or any reachable) object id in a want, as local repositories
     * and GitHub do. Nothing in the mirror points at a commit fetched by id, so a gc of the
     * mirror may drop it later; it is then fetched again.
     *
     * @return why fetching by id failed, or null when it did not fail
     */
    String fetchUnless(ObjectId id) throws IOException {
      return lock.call(() -> {
        if (hasCommit(repository, id)) {
          return null;
        }
        fetchRefs();
        if (hasCommit(repository, id)) {
          return null;
        }
        String lacking = localSourceLacks(id);
        if (lacking != null) {
          return lacking;
        }
        try (Git git = Git.wrap(repository)) {
          git.fetch().setRemote("origin").setRefSpecs(new RefSpec(id.name())).call();
          return null;
        } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
          return e.getMessage();
        }
      });
    }

    /**
     * Why a local repository cannot send {@code id} (it does not have it), asked before fetching
     * it by id; null when it has it or when the repository is not a local path. (JGit's in-process
     * server prints a stack trace for a want it refuses.)
     */
    private String localSourceLacks(ObjectId id) throws IOException {
      File local = new File(repo);
      File gitDir = local.isDirectory() ? RepositoryCache.FileKey.resolve(local, FS.DETECTED) : null;
      if (gitDir == null) {
        return null;
      }
      try (Repository source = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
        return source.getObjectDatabase().has(id) ? null : gitDir + " does not have it";
      }
    }

    /** Fetches when the last clone or fetch is older than {@code maxAge}. */
    void fetchIfOlder(java.time.Duration maxAge) throws IOException {
      lock.call(() -> {
        if (!fetched || System.nanoTime() - fetchedAt >= maxAge.toNanos()) {
          fetchRefs();
        }
        return null;
      });
    }

    /** Under the lock. */
    private void fetchRefs() throws IOException {
      try (Git git = Git.wrap(repository)) {
        git.fetch().setRemote("origin").setRemoveDeletedRefs(true).call();
        markFetched();
      } catch (GitAPIException e) {
        throw new IOException("cannot fetch " + repo + " into " + dir + ": " + e.getMessage(), e);
      }
    }

    private void markFetched() {
      fetchedAt = System.nanoTime();
      fetched = true;
      fetchedWall = java.time.Instant.now();
    }

    /**
     * Under the lock: clones into a temporary directory moved into place when complete, so a
     * mirror directory is always whole. False when the mirror appeared meanwhile (a process that
     * does not take the lock, e.g. an older Foresight): that one is used.
     */
    private boolean cloneInto() throws IOException {
      Files.createDirectories(dir.getParent());
      Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".clone");
      try {
        try (Git git = Git.init().setBare(true).setDirectory(tmp.toFile()).call()) {
          StoredConfig config = git.getRepository().getConfig();
          config.setString("remote", "origin", "url", uri(repo));
          config.setString("remote", "origin", "fetch", "+refs/*:refs/*");
          config.setBoolean("remote", "origin", "mirror", true);
          // gc after a fetch runs in the fetching thread, never in the background behind the lock
          config.setBoolean("gc", null, "autoDetach", false);
          config.save();
          git.fetch().setRemote("origin").call();
        }
        try {
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
          return true;
        } catch (java.nio.file.FileSystemException e) { // Linux says "Directory not empty" without a subclass
          if (Files.isDirectory(dir.resolve("objects"))) {
            return false;
          }
          throw new IOException("cannot create the mirror " + dir + " of " + repo + ": something else is there;"
              + " remove it (Foresight clones it again)", e);
        }
      } catch (GitAPIException e) {
        throw new IOException("cannot clone " + repo + " into " + dir + ": " + e.getMessage()
            + "; check the URL or path and the credentials", e);
      } finally {
        deleteRecursively(tmp);
      }
    }

    private static String uri(String repo) {
      File local = new File(repo);
      return local.isDirectory() ? local.getAbsolutePath() : repo;
    }

    private static void deleteRecursively(Path path) throws IOException {
      FileUtils.delete(path.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    }
  }
}
