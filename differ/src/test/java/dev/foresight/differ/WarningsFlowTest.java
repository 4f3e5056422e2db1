package dev.foresight.differ;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningsFlowTest {

  @Test
  void renderWarningsReachTheKustomizationReport() {
    RenderPlan plan = Fixtures.plan(PlannedPair.newBuilder().setProfile("prod").setKustomization("apps")
        .setNamespace("flux-system").setPath("./apps").setAction(PairAction.RENDER).build());
    RenderResult result = Fixtures.ok("prod", "apps", "a: 1\n", "a: 2\n");
    result.setWarnings(List.of("unresolved variable ${region}"));

    Report report = Differ.report(plan, List.of(result), Fixtures.T0);

    assertEquals(List.of("unresolved variable ${region}"),
        report.getProfiles().get(0).getKustomizations().get(0).getWarnings());
  }
}
