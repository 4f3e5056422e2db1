package dev.foresight.differ.progress;

import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.Report;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Makes a report that is too large to send smaller by leaving out diff text, largest Flux
 * Kustomizations first: stats, objects and their change kinds stay, and each cut Kustomization
 * carries a warning saying so and how to see the whole diff.
 */
public final class ReportTrim {

  private ReportTrim() {}

  /**
   * The report with the diff text of its largest Kustomizations left out until about
   * {@code bytesToShed} bytes of text are gone (all of it if that is not enough); {@code size} and
   * {@code limit} are quoted in the warnings. The argument is not changed.
   */
  public static Report withoutDiffText(Report report, long bytesToShed, long size, long limit) {
    Report trimmed = Report.newBuilder(report).build(); // deep copy
    List<KustomizationReport> all = new ArrayList<>();
    trimmed.getProfiles().forEach(p -> all.addAll(p.getKustomizations()));
    all.sort(Comparator.comparingLong(ReportTrim::textBytes).reversed());
    String warning = "diff text left out: the report of this change was " + size + " bytes, over the " + limit
        + " bytes the differ may send; stats and objects are complete. See the whole diff with `foresight diff`"
        + " on the change locally";
    long shed = 0;
    for (KustomizationReport ks : all) {
      if (shed >= bytesToShed || textBytes(ks) == 0) {
        break;
      }
      shed += textBytes(ks);
      ks.setDiff("");
      ks.getObjects().forEach(o -> o.setDiff(""));
      List<String> warnings = new ArrayList<>(ks.getWarnings());
      warnings.add(warning);
      ks.setWarnings(warnings);
    }
    return trimmed;
  }

  /** The report with every diff text left out. */
  public static Report withoutAnyDiffText(Report report, long size, long limit) {
    return withoutDiffText(report, Long.MAX_VALUE, size, limit);
  }

  private static long textBytes(KustomizationReport ks) {
    long bytes = utf8(ks.getDiff());
    for (ObjectDiff o : ks.getObjects()) {
      bytes += utf8(o.getDiff());
    }
    return bytes;
  }

  private static long utf8(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }
}
