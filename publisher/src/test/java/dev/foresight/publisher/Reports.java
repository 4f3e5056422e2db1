package dev.foresight.publisher;

import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
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

  private Reports() {}

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
    return report(null, List.of(new ProfileReport("dev", list(skipped, failed)),
        new ProfileReport("prod", list(apps, infra))), new DiffStats(1, 0, 1, 6, 1), List.of("staging/apps"));
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
