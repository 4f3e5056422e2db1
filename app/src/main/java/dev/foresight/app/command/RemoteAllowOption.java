package dev.foresight.app.command;

import dev.foresight.renderer.remote.RemotePolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --remote-allow PREFIX} (repeatable) of every command that renders locally: the operator's
 * remote allow-list, added to {@code FORESIGHT_REMOTE_ALLOW} (a picocli mixin). Like the variable, it
 * is trusted; a pull request's own foresight.yaml never is.
 */
final class RemoteAllowOption {

  @Option(names = "--remote-allow", paramLabel = "PREFIX", description = "Let the renderer fetch remote bases,"
      + " resources, helm repositories, git sources and component repositories under this URL prefix (ending in *)"
      + " or this exact URL (repeatable); added to $" + RemotePolicy.ENVIRONMENT + " and the base revision's"
      + " render.remote.allow. Loopback, link-local and private hosts only when the entry names that host.")
  List<String> prefixes = new ArrayList<>();

  /**
   * The operator's policy: {@code FORESIGHT_REMOTE_ALLOW} and {@code --remote-allow}.
   *
   * @throws ParameterException naming the entry that is wrong and how to write it
   */
  RemotePolicy policy(CommandSpec spec) {
    try {
      return RemotePolicy.fromEnvironment().and(RemotePolicy.of(prefixes));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), (e.getMessage().startsWith(RemotePolicy.ENVIRONMENT) ? ""
          : "--remote-allow: ") + e.getMessage());
    }
  }

}
