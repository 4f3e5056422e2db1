package dev.foresight.publisher;

import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Changelog;
import dev.foresight.schema.Commit;
import dev.foresight.schema.ComponentChange;
import dev.foresight.schema.Ticket;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ObjectChange;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reports built in code, shaped like the differ's output. */
public final class Reports {

  public static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  static final String DEPLOYMENT_DIFF = """
      --- base/prod/apps/Deployment/demo/web
      +++ head/prod/apps/Deployment/demo/web
      @@ -4,5 +4,5 @@
         name: web
         namespace: demo
       spec:
      -  replicas: 2
      +  replicas: 3
         template:
      """;
  static final String CONFIGMAP_DIFF = """
      --- base/prod/apps/ConfigMap/demo/fresh
      +++ head/prod/apps/ConfigMap/demo/fresh
      @@ -1,0 +1,5 @@
      +apiVersion: v1
      +kind: ConfigMap
      +metadata:
      +  name: fresh
      +  namespace: demo
      """;
  static final String WHOLE_DIFF = """
      --- base/prod/apps
      +++ head/prod/apps
      @@ -7,7 +7,7 @@
         name: web
         namespace: demo
       spec:
      -  replicas: 2
      +  replicas: 3
         template:
           spec:
             containers:
      @@ -20,3 +20,8 @@
               image: web:1.0
      +---
      +apiVersion: v1
      +kind: ConfigMap
      +metadata:
      +  name: fresh
      +  namespace: demo
      """;

  static final String IMAGE_DIFF = """
      --- base/prod-eu/apps/Deployment/platform/api-server
      +++ head/prod-eu/apps/Deployment/platform/api-server
      @@ -18,7 +18,7 @@
           spec:
             containers:
               - name: api-server
      -          image: registry.example.com/platform/api-server:build-0041
      +          image: registry.example.com/platform/api-server:build-0044
                 ports:
                   - containerPort: 8080
                 env:
      """;
  static final String SCRIPT_DIFF = """
      --- base/prod/apps/ConfigMap/demo/banner
      +++ head/prod/apps/ConfigMap/demo/banner
      @@ -3,3 +3,3 @@
       data:
      -  banner: "<b>hello</b>"
      +  banner: "<script>alert('x') && 1</script>"
      """;

  private Reports() {}

  public static Commit commit(String sha, String subject, String author, String url, Integer pr, List<Ticket> tickets) {
    return Commit.newBuilder().setSha(sha).setSubject(subject).setAuthor(author).setUrl(url).setPr(pr)
        .setTickets(new ArrayList<>(tickets)).build();
  }

  /**
   * A promotion to production: the same image bump in three profiles (deduped: the first holds the
   * diff, the others say "same as"), a ConfigMap that moves between Flux Kustomizations, a
   * changelog with GitOps commits and two components (one unmapped).
   */
  public static Report promotion() {
    String eu = "prod-eu/apps";
    ObjectDiff first = object("apps/v1", "Deployment", ObjectChange.CHANGED, IMAGE_DIFF);
    first.setNamespace("platform");
    first.setName("api-server");
    first.setSameIn(new ArrayList<>(List.of("prod-us/apps", "prod-ap/apps")));
    ObjectDiff movedAway = new ObjectDiff("v1", "ConfigMap", "platform", "feature-flags", ObjectChange.MOVED, "",
        null, "prod-eu/infra", new ArrayList<>(), null);
    ObjectDiff movedIn = new ObjectDiff("v1", "ConfigMap", "platform", "feature-flags", ObjectChange.MOVED, "",
        "prod-eu/apps", null, new ArrayList<>(), null);
    List<ProfileReport> profiles = new ArrayList<>();
    profiles.add(new ProfileReport("prod-ap", list(ks("apps", KustomizationStatus.OK, null,
        new DiffStats(0, 0, 1, 1, 1), "", List.of(sameAs(eu))))));
    profiles.add(new ProfileReport("prod-eu", list(
        ks("apps", KustomizationStatus.OK, null, new DiffStats(0, 0, 2, 1, 1), "", List.of(first, movedAway)),
        ks("infra", KustomizationStatus.OK, null, new DiffStats(0, 0, 1, 0, 0), "", List.of(movedIn)))));
    profiles.add(new ProfileReport("prod-us", list(ks("apps", KustomizationStatus.OK, null,
        new DiffStats(0, 0, 1, 1, 1), "", List.of(sameAs(eu))))));
    ChangeRequested change = change();
    change.setKind(ChangeKind.PROMOTION);
    change.setRef("refs/heads/production");
    change.setPullRequest(null);
    Report report = report(null, profiles, new DiffStats(0, 0, 4, 3, 3), List.of());
    report.setChange(change);
    report.setTarget("refs/heads/production");
    String web = "https://github.com/Acme/infra/commit/";
    String api = "https://github.com/Acme/api-server/commit/";
    Changelog changelog = Changelog.newBuilder()
        .setCommits(new ArrayList<>(List.of(
            commit("3333333cccccccccccccccccccccccccccccccccc", "Bump api-server to build-0044 (#123)", "Ada Lovelace",
                web + "3333333cccccccccccccccccccccccccccccccccc", 123,
                List.of(new Ticket("DS-4910", "https://jira.example.com/browse/DS-4910"))),
            commit("4444444dddddddddddddddddddddddddddddddddd", "Move feature flags to infra <ops>", "Grace Hopper",
                null, null, List.of(new Ticket("OPS-7", null))))))
        .setComponents(new ArrayList<>(List.of(
            ComponentChange.newBuilder().setName("api-server").setImage("registry.example.com/platform/api-server")
                .setFrom("build-0041").setTo("build-0044").setRepository("https://github.com/Acme/api-server.git")
                .setUrl("https://github.com/Acme/api-server/compare/build-0041...build-0044")
                .setPairs(new ArrayList<>(List.of("prod-ap/apps", "prod-eu/apps", "prod-us/apps")))
                .setCommits(new ArrayList<>(List.of(
                    commit("5555555eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "Faster health checks (#12)", "Linus",
                        api + "5555555eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", 12, List.of()))))
                .build(),
            ComponentChange.newBuilder().setName("metrics-agent").setImage("quay.io/acme/metrics-agent")
                .setFrom("1.2.0").setTo("1.3.0")
                .setError("image quay.io/acme/metrics-agent is not mapped to a component repository "
                    + "(add it to components in foresight.yaml)")
                .setPairs(new ArrayList<>(List.of("prod-eu/apps"))).build())))
        .build();
    report.setChangelog(changelog);
    return report;
  }

  /** A pull request whose diff carries HTML and a script tag. */
  public static Report escaping() {
    ObjectDiff banner = new ObjectDiff("v1", "ConfigMap", "demo", "banner", ObjectChange.CHANGED, SCRIPT_DIFF,
        null, null, new ArrayList<>(), null);
    KustomizationReport apps = ks("apps", KustomizationStatus.OK, null, new DiffStats(0, 0, 1, 1, 1), "",
        List.of(banner));
    apps.setWarnings(List.of("unresolved variable ${<img src=x>}"));
    return report(null, List.of(new ProfileReport("prod<1>", list(apps))), new DiffStats(0, 0, 1, 1, 1), List.of());
  }

  private static ObjectDiff sameAs(String pair) {
    return new ObjectDiff("apps/v1", "Deployment", "platform", "api-server", ObjectChange.CHANGED, "", null, null,
        new ArrayList<>(), pair);
  }

  public static ChangeRequested change() {
    return ChangeRequested.newBuilder().setChangeId("0123456789abcdef").setRepo("https://github.com/Acme/infra.git")
        .setKind(ChangeKind.PULL_REQUEST).setRef("refs/pull/42/head")
        .setBase("1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").setHead("2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        .setSource("test").setRequestedAt(T0).setPullRequest(42).build();
  }

  /** Two profiles: a changed, an unchanged, a skipped and a failed Kustomization; one pair missing. */
  public static Report mixed() {
    KustomizationReport apps = ks("apps", KustomizationStatus.OK, null, new DiffStats(1, 0, 1, 6, 1), WHOLE_DIFF,
        List.of(object("apps/v1", "Deployment", ObjectChange.CHANGED, DEPLOYMENT_DIFF),
            object("v1", "ConfigMap", ObjectChange.ADDED, CONFIGMAP_DIFF)));
    apps.setWarnings(List.of("unresolved variable ${region}: not in spec.postBuild.substitute; left as written"));
    KustomizationReport infra = ks("infra", KustomizationStatus.OK, null, new DiffStats(0, 0, 0, 0, 0), "", List.of());
    KustomizationReport skipped = ks("apps", KustomizationStatus.SKIPPED, null, new DiffStats(0, 0, 0, 0, 0), "", List.of());
    KustomizationReport failed = ks("infra", KustomizationStatus.ERROR,
        "apps/overlays/dev/kustomization.yaml:3: resource ../missing: no such directory",
        new DiffStats(0, 0, 0, 0, 0), "", List.of());
    Report report = report(null, List.of(new ProfileReport("dev", list(skipped, failed)),
        new ProfileReport("prod", list(apps, infra))), new DiffStats(1, 0, 1, 6, 1), List.of("staging/apps"));
    report.setChangelog(Changelog.newBuilder().setCommits(new ArrayList<>(List.of(
        commit("2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Scale web to 3 replicas", "Ada Lovelace",
            "https://github.com/Acme/infra/commit/2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", null, List.of()))))
        .build());
    return report;
  }

  public static Report unchanged() {
    KustomizationReport infra = ks("infra", KustomizationStatus.OK, null, new DiffStats(0, 0, 0, 0, 0), "", List.of());
    return report(null, List.of(new ProfileReport("prod", list(infra))), new DiffStats(0, 0, 0, 0, 0), List.of());
  }

  public static Report failed() {
    return report("commit 2222222 not found in https://github.com/Acme/infra.git", List.of(),
        new DiffStats(0, 0, 0, 0, 0), List.of());
  }

  private static Report report(String error, List<ProfileReport> profiles, DiffStats stats, List<String> missing) {
    return Report.newBuilder().setChangeId("0123456789abcdef").setTarget("pull/42").setChange(change())
        .setError(error).setProfiles(new ArrayList<>(profiles)).setStats(stats)
        .setMissing(new ArrayList<>(missing)).setCreatedAt(T0).build();
  }

  private static KustomizationReport ks(String name, KustomizationStatus status, String error, DiffStats stats,
      String diff, List<ObjectDiff> objects) {
    return KustomizationReport.newBuilder().setName(name).setNamespace("flux-system").setPath("./" + name)
        .setStatus(status).setError(error).setStats(stats).setDiff(diff).setObjects(new ArrayList<>(objects))
        .build();
  }

  private static ObjectDiff object(String apiVersion, String kind, ObjectChange change, String diff) {
    return new ObjectDiff(apiVersion, kind, "demo", kind.equals("Deployment") ? "web" : "fresh", change, diff,
        null, null, new ArrayList<>(), null);
  }

  private static List<KustomizationReport> list(KustomizationReport... items) {
    return new ArrayList<>(List.of(items));
  }
}
