package dev.foresight.renderer.engine;

import java.util.concurrent.Callable;

/**
 * Whether the exec engine's process may reach the network during the builds of the calling
 * thread: off unless a caller that checked every remote reference of the build against the
 * trusted policy ({@code RemoteGuard}) turns it on around the build. Off, kubectl runs offline
 * ({@link OfflineProcess}), so that a reference the check did not see cannot be fetched either.
 */
public final class NetworkAccess {

  private static final ThreadLocal<Boolean> ALLOWED = ThreadLocal.withInitial(() -> false);

  private NetworkAccess() {}

  /** True inside {@link #allowing}. */
  public static boolean allowed() {
    return ALLOWED.get();
  }

  /** Runs {@code build} with the network allowed on this thread. */
  public static <T> T allowing(Callable<T> build) throws Exception {
    boolean before = ALLOWED.get();
    ALLOWED.set(true);
    try {
      return build.call();
    } finally {
      ALLOWED.set(before);
    }
  }
}
