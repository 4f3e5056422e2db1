package dev.foresight.app.command;

import picocli.CommandLine.Option;

/** Options shared by the commands that run stages. */
public final class StageOptions {

  @Option(names = "--webhook-port", defaultValue = "8080",
      description = "Port of the GitHub webhook endpoint POST /webhooks/github (default: 8080).")
  int webhookPort;

  @Option(names = "--workers", defaultValue = "0",
      description = "Render worker loops per renderer (default: number of cores).")
  int workers;

  int workers() {
    return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
  }

  static String webhookSecret() {
    return System.getenv("FORESIGHT_GITHUB_WEBHOOK_SECRET");
  }
}
