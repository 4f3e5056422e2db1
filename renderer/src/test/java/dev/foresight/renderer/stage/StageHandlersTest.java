package dev.foresight.renderer.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.renderer.TestRepo;
import dev.foresight.renderer.Tools;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.Topic;
import dev.foresight.schema.Topics;
import dev.foresight.stage.Emitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageHandlersTest {

  record Sent(String topic, String key, SpecificRecord value) {}

  static final class Recorder implements Emitter {
    final List<Sent> sent = new ArrayList<>();

    @Override
    public <V extends SpecificRecord> void send(Topic<V> topic, String key, V value) {
      sent.add(new Sent(topic.name(), key, value));
    }
  }

  @TempDir Path tmp;

  @Test
  void plannerSendsThePlanThenOneJobPerPairAndWorkerSendsTheResult() throws Exception {
    Tools.assumeKubectl();
    try (TestRepo repo = TestRepo.init(tmp.resolve("infra"));
        Renderer renderer = new Renderer(new RendererConfig(tmp.resolve("data"),
            "k".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60)))) {
      String head = repo
          .write("profiles/p/kustomization.yaml", "resources:\n- ks.yaml\n")
          .write("profiles/p/ks.yaml", "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
              + "metadata:\n  name: app\n  namespace: flux-system\nspec:\n  path: ./app\n")
          .write("app/kustomization.yaml", "resources:\n- cm.yaml\n")
          .write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n")
          .commit("one");
      String url = repo.dir().toString();
      ChangeRequested change = ChangeRequested.newBuilder()
          .setChangeId(ChangeIds.of(url, "refs/heads/master", ChangeIds.ZERO_SHA, head)).setRepo(url)
          .setKind(ChangeKind.PUSH).setRef("refs/heads/master").setBase(ChangeIds.ZERO_SHA).setHead(head)
          .setSource("test").setRequestedAt(Instant.now()).build();

      Recorder planned = new Recorder();
      new PlannerHandler(renderer).handle(url, change, planned);
      assertEquals(2, planned.sent.size());
      assertEquals(new Sent(Topics.RENDER_PLANS.name(), change.getChangeId(), planned.sent.get(0).value()),
          planned.sent.get(0));
      RenderJob job = (RenderJob) planned.sent.get(1).value();
      assertEquals(Topics.RENDER_JOBS.name(), planned.sent.get(1).topic());
      assertEquals(url + "/p/app", planned.sent.get(1).key());

      Recorder rendered = new Recorder();
      new WorkerHandler(renderer).handle(planned.sent.get(1).key(), job, rendered);
      assertEquals(1, rendered.sent.size());
      assertEquals(Topics.RENDERS.name(), rendered.sent.get(0).topic());
      assertEquals(change.getChangeId(), rendered.sent.get(0).key());
      assertEquals(RenderStatus.OK, ((RenderResult) rendered.sent.get(0).value()).getStatus());
    }
  }
}
