package dev.foresight.publisher;

import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.Changelog;
import dev.foresight.schema.Commit;
import dev.foresight.schema.ComponentChange;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ObjectChange;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import dev.foresight.schema.Ticket;
import java.util.ArrayList;
import java.util.List;

/**
 * A change that touches every object of a 60-app x 30-profile repository: 30 profiles x 5 Flux
 * Kustomizations x 12 apps x 3 objects (Deployment, Service, ConfigMap), each with a realistic
 * multi-line diff; with dedupe, profiles 15..29 repeat profiles 0..14 ({@code sameAs}, empty diff)
 * as the differ does. One ConfigMap in p00/ks0 has a 6,000-line diff. A changelog of 400 commits
 * and 60 components.
 */
final class SyntheticReports {

  static final int PROFILES = 30;
  static final int KUSTOMIZATIONS = 5;
  static final int APPS_PER_KS = 12;
  static final String[] KINDS = {"Deployment", "Service", "ConfigMap"};

  private SyntheticReports() {}

  static int objects() {
    return PROFILES * KUSTOMIZATIONS * APPS_PER_KS * KINDS.length;
  }

  static Report large(boolean dedupe) {
    List<ProfileReport> profiles = new ArrayList<>();
    int linesAdded = 0;
    for (int p = 0; p < PROFILES; p++) {
      String profile = String.format("p%02d", p);
      List<KustomizationReport> kss = new ArrayList<>();
      for (int k = 0; k < KUSTOMIZATIONS; k++) {
        String ks = "ks" + k;
        List<ObjectDiff> objects = new ArrayList<>();
        int added = 0;
        for (int a = 0; a < APPS_PER_KS; a++) {
          String app = "app-" + (k * APPS_PER_KS + a);
          for (String kind : KINDS) {
            String diff = p == 0 && k == 0 && a == 0 && kind.equals("ConfigMap") ? huge(profile, ks, app)
                : diff(profile, ks, app, kind);
            ObjectDiff object = new ObjectDiff(kind.equals("Deployment") ? "apps/v1" : "v1", kind, "team-" + k, app,
                ObjectChange.CHANGED, diff, null, null, new ArrayList<>(), null);
            if (dedupe && p >= PROFILES / 2) {
              object.setDiff("");
              object.setSameAs(String.format("p%02d", p - PROFILES / 2) + "/" + ks);
            } else if (dedupe) {
              object.setSameIn(new ArrayList<>(List.of(String.format("p%02d", p + PROFILES / 2) + "/" + ks)));
            }
            objects.add(object);
            added += 2;
          }
        }
        linesAdded += added;
        kss.add(KustomizationReport.newBuilder().setName(ks).setNamespace("flux-system").setPath("./clusters/" + profile)
            .setStatus(KustomizationStatus.OK).setStats(new DiffStats(0, 0, objects.size(), added, added)).setDiff("")
            .setObjects(objects).build());
      }
      profiles.add(new ProfileReport(profile, kss));
    }
    Report report = Report.newBuilder().setChangeId("feedfacefeedface").setTarget("refs/heads/production")
        .setChange(Reports.change()).setProfiles(profiles).setStats(new DiffStats(0, 0, objects(), linesAdded, linesAdded))
        .setCreatedAt(Reports.T0).setChangelog(changelog()).build();
    report.getChange().setKind(ChangeKind.PROMOTION);
    report.getChange().setPullRequest(null);
    return report;
  }

  static Changelog changelog() {
    List<Commit> commits = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String sha = String.format("%040x", i * 7919L + 1);
      commits.add(Reports.commit(sha, "Bump app-" + (i % 60) + " to build-" + (1000 + i) + " (#" + (500 + i) + ")",
          "Dev " + (i % 9), "https://github.com/Acme/infra/commit/" + sha, 500 + i,
          List.of(new Ticket("DS-" + (4000 + i), "https://jira.example.com/browse/DS-" + (4000 + i)))));
    }
    List<ComponentChange> components = new ArrayList<>();
    for (int c = 0; c < 60; c++) {
      List<Commit> own = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String sha = String.format("%040x", c * 1000L + i + 17);
        own.add(Reports.commit(sha, "Component change " + i, "Dev " + (i % 5),
            "https://github.com/Acme/app-" + c + "/commit/" + sha, i % 3 == 0 ? 100 + i : null, List.of()));
      }
      List<String> pairs = new ArrayList<>();
      for (int p = 0; p < PROFILES; p++) {
        pairs.add(String.format("p%02d", p) + "/ks" + (c / APPS_PER_KS));
      }
      components.add(ComponentChange.newBuilder().setName("app-" + c).setImage("registry.example.com/acme/app-" + c)
          .setFrom("build-0100").setTo("build-0160").setRepository("https://github.com/Acme/app-" + c + ".git")
          .setUrl("https://github.com/Acme/app-" + c + "/compare/build-0100...build-0160").setCommits(own)
          .setPairs(pairs).build());
    }
    return Changelog.newBuilder().setCommits(commits).setComponents(components).build();
  }

  static String diff(String profile, String ks, String app, String kind) {
    String path = profile + "/" + ks + "/" + kind + "/" + app;
    return "--- base/" + path + "\n+++ head/" + path + "\n@@ -12,9 +12,9 @@\n"
        + "   labels:\n     app.kubernetes.io/name: " + app + "\n     app.kubernetes.io/part-of: shop\n"
        + "-    app.kubernetes.io/version: build-0100\n+    app.kubernetes.io/version: build-0160\n"
        + " spec:\n   replicas: 3\n   template:\n     spec:\n"
        + "-      image: registry.example.com/acme/" + app + ":build-0100\n"
        + "+      image: registry.example.com/acme/" + app + ":build-0160\n"
        + "       resources:\n         limits:\n           memory: 512Mi\n";
  }

  static String huge(String profile, String ks, String app) {
    StringBuilder d = new StringBuilder("--- base/" + profile + "/" + ks + "/ConfigMap/" + app + "\n+++ head/" + profile
        + "/" + ks + "/ConfigMap/" + app + "\n@@ -1,0 +1,6000 @@\n");
    for (int i = 0; i < 6000; i++) {
      d.append("+  key-").append(i).append(": value number ").append(i).append(" of a generated configuration\n");
    }
    return d.toString();
  }
}
