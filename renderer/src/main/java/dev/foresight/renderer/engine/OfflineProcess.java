package dev.foresight.renderer.engine;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How the exec engine runs kubectl/kustomize when the network is not allowed: in a network
 * namespace of its own when {@code unshare} can make one (no interface but a downed loopback: not
 * even 127.0.0.1 is reachable), and always with a dead proxy ({@code HTTP(S)_PROXY=http://127.0.0.1:9},
 * {@code NO_PROXY} empty) and git configured to allow no protocol, as a second line: Go's HTTP
 * client ignores proxies for loopback hosts, which the namespace covers.
 */
final class OfflineProcess {

  /** A port nothing listens on. */
  static final String DEAD_PROXY = "http://127.0.0.1:9";

  private static volatile List<String> unshare;

  private OfflineProcess() {}

  /** {@code command} behind {@code unshare} when it works here, else unchanged. */
  static List<String> command(List<String> command) {
    List<String> prefix = unshare();
    if (prefix.isEmpty()) {
      return command;
    }
    List<String> out = new ArrayList<>(prefix);
    out.addAll(command);
    return out;
  }

  /** Sets the environment that keeps kubectl, kustomize and git off the network. */
  static void environment(Map<String, String> env) {
    for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")) {
      env.put(name, DEAD_PROXY);
    }
    env.put("NO_PROXY", "");
    env.put("no_proxy", "");
    env.put("GIT_ALLOW_PROTOCOL", "none"); // no protocol is called "none": git refuses every transport
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_CONFIG_COUNT", "2");
    env.put("GIT_CONFIG_KEY_0", "protocol.allow");
    env.put("GIT_CONFIG_VALUE_0", "never");
    env.put("GIT_CONFIG_KEY_1", "http.proxy");
    env.put("GIT_CONFIG_VALUE_1", DEAD_PROXY);
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_SSH_COMMAND", "false");
    env.put("HELM_NO_PLUGINS", "1");
  }

  /** The first of {@code unshare -rn}, {@code unshare -n} that runs {@code true} here; empty when none does. */
  static List<String> unshare() {
    List<String> known = unshare;
    if (known == null) {
      known = probe();
      unshare = known;
    }
    return known;
  }

  private static List<String> probe() {
    for (List<String> candidate : List.of(List.of("unshare", "-rn"), List.of("unshare", "-n"))) {
      List<String> test = new ArrayList<>(candidate);
      test.add("true");
      try {
        Process p = new ProcessBuilder(test).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return List.copyOf(candidate);
        }
        p.destroyForcibly();
      } catch (IOException e) {
        return List.of(); // no unshare on PATH
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }
}
