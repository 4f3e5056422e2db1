package dev.foresight.publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Changelog;
import dev.foresight.schema.Commit;
import dev.foresight.schema.ComponentChange;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import dev.foresight.schema.Ticket;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * A report as the documented JSON shape ({@code foresight diff --format json}): {@code change},
 * {@code error}, {@code missing}, {@code profiles}, {@code changelog}; keys in a fixed order, two-space indentation, "\n" line ends,
 * a final newline. Documented in docs/report-json.md.
 */
public final class JsonView {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER = MAPPER.writer(printer());

  private JsonView() {}

  public static String render(Report report) {
    try {
      return WRITER.writeValueAsString(tree(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write report " + report.getChangeId() + " as JSON", e);
    }
  }

  /** The JSON tree, for callers that embed it. */
  public static ObjectNode tree(Report report) {
    ObjectNode root = MAPPER.createObjectNode();
    ChangeRequested change = report.getChange();
    ObjectNode changeNode = root.putObject("change");
    changeNode.put("repo", change.getRepo());
    changeNode.put("kind", lower(change.getKind().name()));
    changeNode.put("base", change.getBase());
    changeNode.put("head", change.getHead());
    changeNode.put("ref", Labels.ref(change).isEmpty() ? null : change.getRef());
    changeNode.put("pullRequest", change.getPullRequest());
    root.put("error", report.getError());
    ArrayNode missing = root.putArray("missing");
    report.getMissing().forEach(missing::add);
    ArrayNode profiles = root.putArray("profiles");
    for (ProfileReport profile : report.getProfiles()) {
      ObjectNode profileNode = profiles.addObject();
      profileNode.put("name", profile.getName());
      ArrayNode kustomizations = profileNode.putArray("kustomizations");
      for (KustomizationReport ks : profile.getKustomizations()) {
        kustomization(kustomizations.addObject(), ks);
      }
    }
    changelog(root.putObject("changelog"), report.getChangelog());
    return root;
  }

  private static void changelog(ObjectNode node, Changelog changelog) {
    ArrayNode commits = node.putArray("commits");
    ArrayNode components = node.putArray("components");
    if (changelog == null) {
      node.putNull("error");
      node.put("truncated", false);
      return;
    }
    changelog.getCommits().forEach(c -> commit(commits.addObject(), c));
    for (ComponentChange component : changelog.getComponents()) {
      ObjectNode c = components.addObject();
      c.put("name", component.getName());
      c.put("image", component.getImage());
      c.put("from", component.getFrom());
      c.put("to", component.getTo());
      c.put("repository", component.getRepository());
      c.put("url", component.getUrl());
      c.put("error", component.getError());
      ArrayNode pairs = c.putArray("pairs");
      component.getPairs().forEach(pairs::add);
      ArrayNode componentCommits = c.putArray("commits");
      component.getCommits().forEach(commit -> commit(componentCommits.addObject(), commit));
    }
    node.put("error", changelog.getError());
    node.put("truncated", changelog.getTruncated());
  }

  private static void commit(ObjectNode node, Commit commit) {
    node.put("sha", commit.getSha());
    node.put("subject", commit.getSubject());
    node.put("author", commit.getAuthor());
    node.put("url", commit.getUrl());
    node.put("pr", commit.getPr());
    ArrayNode tickets = node.putArray("tickets");
    for (Ticket ticket : commit.getTickets()) {
      ObjectNode t = tickets.addObject();
      t.put("key", ticket.getKey());
      t.put("url", ticket.getUrl());
    }
  }

  private static void kustomization(ObjectNode node, KustomizationReport ks) {
    node.put("name", ks.getName());
    node.put("namespace", ks.getNamespace());
    node.put("path", ks.getPath());
    node.put("status", lower(ks.getStatus().name()));
    node.put("error", ks.getError());
    ArrayNode warnings = node.putArray("warnings");
    ks.getWarnings().forEach(warnings::add);
    DiffStats s = ks.getStats();
    ObjectNode stats = node.putObject("stats");
    stats.put("objectsAdded", s.getObjectsAdded());
    stats.put("objectsRemoved", s.getObjectsRemoved());
    stats.put("objectsChanged", s.getObjectsChanged());
    stats.put("linesAdded", s.getLinesAdded());
    stats.put("linesRemoved", s.getLinesRemoved());
    ArrayNode objects = node.putArray("objects");
    for (ObjectDiff object : ks.getObjects()) {
      ObjectNode o = objects.addObject();
      o.put("apiVersion", object.getApiVersion());
      o.put("kind", object.getKind());
      o.put("namespace", object.getNamespace());
      o.put("name", object.getName());
      o.put("change", lower(object.getChange().name()));
      o.put("diff", object.getDiff());
      o.put("movedFrom", object.getMovedFrom());
      o.put("movedTo", object.getMovedTo());
      ArrayNode sameIn = o.putArray("sameIn");
      object.getSameIn().forEach(sameIn::add);
      o.put("sameAs", object.getSameAs());
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static DefaultPrettyPrinter printer() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
  }
}
