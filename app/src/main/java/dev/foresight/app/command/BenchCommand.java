package dev.foresight.app.command;

import picocli.CommandLine.Command;

/** {@code foresight bench ...}: benchmarks that print ratios against a baseline run alongside. */
@Command(name = "bench", description = "Benchmarks that print ratios against a baseline measured in the same run.",
    subcommands = {BenchDiffCommand.class, BenchKustomizeCommand.class, BenchReportCommand.class})
public final class BenchCommand implements java.util.concurrent.Callable<Integer> {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return Commands.usageError(spec);
  }
}
