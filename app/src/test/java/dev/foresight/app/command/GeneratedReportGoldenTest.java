package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.app.runtime.LocalPipeline;
import dev.foresight.app.runtime.Revisions;
import dev.foresight.differ.DiffSettings;
import dev.foresight.publisher.Views;
import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.renderer.engine.EngineChoice;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.ComponentChange;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.ObjectChange;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import dev.foresight.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end golden reports: a repository made by the fixture generator, three changes run through
 * the code of {@code foresight diff} ({@link LocalPipeline}, native engine, fixed mask key and
 * clock), every view compared with {@code src/test/resources/golden-generated/<case>/expected.*}.
 * {@code -Dgolden.update=true} rewrites them; review the diff before committing.
 *
 * <p>The generator is deterministic (fixed seed and dates, so fixed shas); the test adds only what
 * a user would: a {@code foresight.yaml} on master, and the next build of {@code ui} (a component
 * commit tagged {@code build-1008}) with its bump commit, all with fixed authors and dates.
 *
 * <p>Normalised, and nothing else: the generated repository's absolute path (a temp directory)
 * becomes {@value #REPO}, wherever it appears (repository fields, component repositories, texts),
 * and the change id, a digest over that path, becomes the id of the same change at {@value #REPO}.
 */
class GeneratedReportGoldenTest {

  static final String REPO = "/generated";
  static final Path GOLDEN = Path.of("src", "test", "resources", "golden-generated");
  static final Instant CREATED = Instant.parse("2023-03-30T08:00:00Z");
  static final String WEB = "https://github.com/acme/infra";
  static final String JIRA = "https://jira.example.com/browse/{key}";

  @TempDir static Path tmp;
  static Path gen;
  static Path infra;
  static Renderer renderer;
  static LocalPipeline pipeline;
  static Map<String, ChangeRequested> changes;
  /** Why the tests are skipped (assumed per test, so that surefire counts them as skipped with the reason). */
  static String skip;

  @BeforeAll
  static void generate() throws Exception {
    Path shared = Path.of(System.getProperty("foresight.shared", "../../shared"));
    Path generator = shared.resolve("fixtures/gitops-repo-gen.py");
    if (!Files.isRegularFile(generator)) {
      skip = "no " + generator.toAbsolutePath() + " (set -Dforesight.shared=DIR): skipping the generated golden reports";
      return;
    }
    if (!onPath("python3") || !onPath("git")) {
      skip = "python3 or git not on PATH: skipping the generated golden reports";
      return;
    }
    gen = tmp.resolve("gen");
    run(tmp, "python3", generator.toString(), gen.toString(), "--apps", "4", "--profiles", "3", "--commits", "30");
    // the generator is deterministic: a second run gives the same commits
    Path again = tmp.resolve("again");
    run(tmp, "python3", generator.toString(), again.toString(), "--apps", "4", "--profiles", "3", "--commits", "30");
    assertEquals(git(again.resolve("infra"), "rev-parse", "master", "staging", "production"),
        git(gen.resolve("infra"), "rev-parse", "master", "staging", "production"), "the generator is not deterministic");
    infra = gen.resolve("infra");

    // what a user adds: the changelog configuration ...
    Files.writeString(infra.resolve("foresight.yaml"), "changelog:\n  webUrl: " + WEB + "\n  componentsFile:"
        + " ../components.json\n  tickets: {url: \"" + JIRA + "\"}\n");
    commit(infra, "2023-03-29T21:10:00Z", "Priya Nair", "OPS-1: configure the Foresight changelog (#961)",
        "foresight.yaml");
    String configured = rev(infra, "HEAD");
    // ... and the next build of ui, deployed by a bump on master
    Path ui = gen.resolve("components/ui");
    Files.writeString(ui.resolve("src/module2.txt"), "cache client timeout: 5s\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    commit(ui, "2023-03-29T21:20:00Z", "Vipin Kumar", "DS-4770: Fix cache client timeout in ui (#962)",
        "src/module2.txt");
    git(ui, "tag", "build-1008");
    List<String> overlays = new ArrayList<>();
    for (String profile : List.of("development", "development-light", "staging")) {
      Path overlay = infra.resolve("apps/overlays/" + profile + "/kustomization.yaml");
      String text = Files.readString(overlay);
      String from = "- name: registry.example.com/platform/ui\n  newTag: build-1007\n";
      assertTrue(text.contains(from), overlay + " does not deploy ui build-1007:\n" + text);
      Files.writeString(overlay, text.replace(from, from.replace("build-1007", "build-1008")));
      overlays.add(infra.relativize(overlay).toString());
    }
    commit(infra, "2023-03-29T21:30:00Z", "Ismail Kaya", "Bump ui to build-1008 (#963)", overlays.toArray(String[]::new));
    String bumped = rev(infra, "HEAD");
    String rotation = null;
    for (String line : git(infra, "log", "--format=%H %s", "master").split("\n")) {
      if (line.endsWith("rotate api-workers credentials (#956)")) {
        rotation = line.substring(0, 40);
      }
    }
    assertNotNull(rotation, "no Secret rotation commit on master");

    changes = Map.of(
        // a push that fast-forwards staging to master: the renderer classifies it as a promotion
        "promotion", change("refs/heads/staging", rev(infra, "staging"), configured),
        "image-bump", change("refs/heads/master", configured, bumped),
        "secret-rotation", change("refs/heads/master", rotation + "^", rotation));
    RendererConfig config = new RendererConfig(tmp.resolve("data"), "golden-mask-key".getBytes(StandardCharsets.UTF_8),
        Duration.ofMinutes(2)).withEngine(EngineChoice.NATIVE).withCache(false);
    renderer = new Renderer(config);
    // the promotion's base (staging) has no foresight.yaml yet: its component repositories are named only by
    // the change, so the operator allows them, as --remote-allow file:///.../components/* does (ADR 0013)
    renderer.setRemotePolicy(dev.foresight.renderer.remote.RemotePolicy.of(
        List.of("file://" + gen.resolve("components").toAbsolutePath() + "/*")));
    pipeline = new LocalPipeline(renderer, 2, Clock.fixed(CREATED, ZoneOffset.UTC));
  }

  @BeforeEach
  void fixtures() {
    assumeTrue(skip == null, skip);
  }

  @AfterAll
  static void close() {
    if (pipeline != null) {
      pipeline.close();
      renderer.close();
    }
  }

  @Test
  void promotionStartsWithTheChangelog() throws Exception {
    Report report = check("promotion");
    assertEquals(ChangeKind.PROMOTION, report.getChange().getKind());
    assertEquals(7, report.getChangelog().getCommits().size(), "6 generated commits and the configuration");
    assertTrue(report.getChangelog().getComponents().stream().anyMatch(c -> c.getName().equals("ui")),
        "ui moves to build-1007 in staging: " + report.getChangelog().getComponents());
    Views.All views = Views.all(report, options("promotion"));
    // Markdown: the first section after the summary table is the changelog
    List<String> sections = String.join("", views.markdown()).lines()
        .filter(l -> l.startsWith("#### ") || l.startsWith("<details>")).toList();
    assertEquals("#### Changelog", sections.get(0), sections.toString());
    // text: the changelog before the first profile/kustomization line
    List<String> text = views.text().lines().toList();
    int firstPair = 0;
    while (firstPair < text.size() && !text.get(firstPair).startsWith("development/")) {
      firstPair++;
    }
    assertTrue(text.subList(0, firstPair).contains("changelog"), views.text());
    // HTML: the changelog section before the first profile section
    assertTrue(views.html().indexOf("<section id=\"changelog\">") < views.html().indexOf("<section id=\"p0-"),
        "changelog after the profiles in the HTML view");
    // Slack: header, summary, then the GitOps commits
    assertTrue(views.slack().indexOf("*GitOps commits* (7)") < views.slack().indexOf("*development*"), views.slack());
  }

  @Test
  void imageBumpListsTheComponentCommits() throws Exception {
    Report report = check("image-bump");
    assertEquals(ChangeKind.PUSH, report.getChange().getKind());
    List<ComponentChange> components = report.getChangelog().getComponents();
    assertEquals(1, components.size(), components.toString());
    assertEquals("build-1007", components.get(0).getFrom());
    assertEquals("build-1008", components.get(0).getTo());
    assertEquals(List.of("DS-4770: Fix cache client timeout in ui (#962)"),
        components.get(0).getCommits().stream().map(c -> c.getSubject()).toList());
  }

  @Test
  void secretRotationIsAMaskedChange() throws Exception {
    Report report = check("secret-rotation");
    List<ObjectDiff> secrets = objects(report).stream().filter(o -> o.getKind().equals("Secret")).toList();
    assertFalse(secrets.isEmpty(), "the rotated Secret is not in the report");
    for (ObjectDiff secret : secrets) {
      assertEquals("api-workers-credentials", secret.getName());
      assertEquals(ObjectChange.CHANGED, secret.getChange());
      assertTrue(secret.getSameAs() != null || secret.getDiff().contains("-  token: ")
          && secret.getDiff().contains("+  token: "), secret.getDiff());
    }
  }

  /** Runs the change, compares every view with its golden file and checks what must hold whatever the goldens say. */
  private static Report check(String name) throws Exception {
    ChangeRequested change = changes.get(name);
    Report report = pipeline.run(change, p -> true, r -> { }, DiffSettings.defaults()).report();
    assertNull(report.getError(), report.getError());
    assertEquals(CREATED, Instant.ofEpochMilli(report.getCreatedAt().toEpochMilli()));
    // every count is what git says
    assertNull(report.getChangelog().getError(), report.getChangelog().getError());
    assertEquals(count(infra, change.getBase() + ".." + change.getHead()), report.getChangelog().getCommits().size());
    for (ComponentChange component : report.getChangelog().getComponents()) {
      assertNull(component.getError(), component.getError());
      Path repository = Path.of(component.getRepository());
      assertEquals(count(repository, component.getFrom() + ".." + component.getTo()), component.getCommits().size(),
          component.getName() + " " + component.getFrom() + ".." + component.getTo());
    }
    int changed = objects(report).size();
    assertTrue(changed > 0, "nothing changes in " + name);

    Views.All views = Views.all(report, options(name));
    // no Secret value of base or head in clear, in any view
    Set<String> values = new TreeSet<>(SecretValues.atRevision(infra, change.getBase()));
    values.addAll(SecretValues.atRevision(infra, change.getHead()));
    assertFalse(values.isEmpty(), "the generator writes Secrets");
    assertEquals(List.of(), SecretValues.leaked(values, views.outputs()), "Secret values in clear in a view");

    Map<String, String> files = Map.of("expected.txt", views.text(), "expected.md", String.join("", views.markdown()),
        "expected.json", views.json(), "expected.html", views.html(), "expected.slack.json", views.slack());
    for (var file : new java.util.TreeMap<>(files).entrySet()) {
      Golden.assertMatches(GOLDEN, name, file.getKey(), normalise(file.getValue(), change));
    }
    return report;
  }

  private static Views.Options options(String name) {
    return Views.Options.defaults().withColour(false)
        .withReportUrl("https://foresight.example.com/reports/" + name + ".html");
  }

  /** The temp directory of the generated repositories and the change id derived from it; nothing else. */
  private static String normalise(String view, ChangeRequested change) {
    String id = ChangeIds.of(REPO + "/infra", change.getRef(), change.getBase(), change.getHead());
    return view.replace(change.getChangeId(), id).replace(gen.toString(), REPO);
  }

  private static List<ObjectDiff> objects(Report report) {
    return report.getProfiles().stream().flatMap(p -> p.getKustomizations().stream())
        .map(KustomizationReport::getObjects).flatMap(List::stream).toList();
  }

  /** As {@link Revisions#localChange} builds it for {@code foresight diff}, with the ref given and a fixed time. */
  private static ChangeRequested change(String ref, String base, String head) throws IOException {
    Path root = Revisions.repositoryRoot(infra);
    String baseSha = Revisions.resolve(root, base);
    String headSha = Revisions.resolve(root, head);
    return ChangeRequested.newBuilder(Revisions.localChange(root, baseSha, headSha))
        .setChangeId(ChangeIds.of(root.toString(), ref, baseSha, headSha)).setRef(ref).setRequestedAt(CREATED)
        .build();
  }

  private static void commit(Path repo, String date, String author, String subject, String... paths) throws Exception {
    List<String> add = new ArrayList<>(List.of("add"));
    add.addAll(List.of(paths));
    git(repo, add.toArray(String[]::new));
    String email = author.toLowerCase().split(" ")[0] + "@example.com";
    run(repo, Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), "git", "-c", "user.name=" + author,
        "-c", "user.email=" + email, "commit", "-q", "-m", subject);
  }

  private static int count(Path repo, String range) throws Exception {
    return Integer.parseInt(git(repo, "rev-list", "--count", range).strip());
  }

  private static String rev(Path repo, String revision) throws Exception {
    return git(repo, "rev-parse", revision).strip();
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    return run(dir, Map.of(), command.toArray(String[]::new));
  }

  private static String run(Path dir, String... command) throws Exception {
    return run(dir, Map.of(), command);
  }

  private static String run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + " failed: " + out);
    return out;
  }

  private static boolean onPath(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
