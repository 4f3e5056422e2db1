package dev.foresight.app.command;

import dev.foresight.differ.Differ;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The exit codes of {@code foresight diff}, for a CI job to gate on: 0 nothing differs, 1 something
 * differs (only with {@code --exit-code}, as {@code git diff --exit-code}), 2 any error, whatever
 * {@code --exit-code} says. An error is a plan error (a malformed foresight.yaml at head, a missing
 * commit), a pair that failed to render, or a pair whose result never arrived: then the report is
 * incomplete and "no difference" cannot be claimed.
 */
public final class ExitCodes {

  public static final int SAME = 0;
  public static final int DIFFERENT = 1;
  public static final int ERROR = 2;

  /** For picocli's {@code exitCodeList} of {@code diff --help}. */
  public static final String HELP_SAME = "0:nothing differs";
  public static final String HELP_DIFFERENT = "1:something differs (only with --exit-code)";
  public static final String HELP_ERROR = "2:an error, with or without --exit-code: a pair that failed to render, "
      + "planning failed, a malformed foresight.yaml, a bad option or path";

  private ExitCodes() {}

  /** The exit code of {@code report}; {@code exitCode} is {@code --exit-code}. */
  public static int of(Report report, boolean exitCode) {
    if (!errors(report).isEmpty()) {
      return ERROR;
    }
    boolean differs = report.getProfiles().stream().flatMap(p -> p.getKustomizations().stream())
        .anyMatch(Differ::changed);
    return exitCode && differs ? DIFFERENT : SAME;
  }

  /**
   * Why {@code report} exits 2, one line each (empty when it does not): the plan's error, the pairs
   * that failed ({@code profile/kustomization}), the pairs that are missing.
   */
  public static List<String> errors(Report report) {
    List<String> out = new ArrayList<>();
    if (report.getError() != null) {
      out.add("planning failed: " + firstLine(report.getError()));
    }
    List<String> failed = new ArrayList<>();
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport k : profile.getKustomizations()) {
        if (k.getStatus() == KustomizationStatus.ERROR) {
          failed.add(profile.getName() + "/" + k.getName());
        }
      }
    }
    if (!failed.isEmpty()) {
      out.add(failed.size() + (failed.size() == 1 ? " pair" : " pairs") + " failed to render: "
          + String.join(", ", failed) + " (see the report)");
    }
    if (!report.getMissing().isEmpty()) {
      out.add(report.getMissing().size() + " pairs have no result: " + String.join(", ", report.getMissing()));
    }
    return out;
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl) + " ...";
  }
}
