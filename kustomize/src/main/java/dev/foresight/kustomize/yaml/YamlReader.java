package dev.foresight.kustomize.yaml;

import dev.foresight.kustomize.KustomizeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Builds {@link Node} trees from snakeyaml-engine parser events, typing plain scalars as go-yaml v3
 * does, expanding aliases and {@code <<} merge keys (kustomize de-anchors resources), and refusing
 * alias bombs.
 */
final class YamlReader {

  /** Most nodes aliases may add to one document. */
  static final int MAX_ALIAS_EXPANSION = 100_000;

  private final String file;
  private final boolean lastKeyWins;
  private Iterator<Event> events;
  private final Map<String, Node> anchors = new HashMap<>();
  private long expanded;
  /** The last scalar read: a quote left open or a block ended early makes the parser fail after it. */
  private ScalarEvent lastScalar;

  private YamlReader(String file, boolean lastKeyWins) {
    this.file = file;
    this.lastKeyWins = lastKeyWins;
  }

  static List<Node> parseAll(String text, String file) throws KustomizeException {
    return parseAll(text, file, false);
  }

  static List<Node> parseAll(String text, String file, boolean lastKeyWins) throws KustomizeException {
    if (text.length() > Yaml.MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > Yaml.MAX_BYTES) {
      throw KustomizeException.at(file, null, 0,
          "YAML input is larger than " + Yaml.MAX_BYTES + " bytes; split it into smaller files");
    }
    GoTabs.check(text, file);
    YamlReader reader = new YamlReader(file, lastKeyWins);
    try {
      return reader.read(text);
    } catch (MarkedYamlEngineException e) {
      throw YamlError.of(file, e, reader.lastScalar);
    } catch (YamlEngineException e) {
      throw KustomizeException.at(file, null, 0, "invalid YAML: " + e.getMessage());
    }
  }

  private List<Node> read(String text) throws KustomizeException {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(file)
        .setCodePointLimit(Integer.MAX_VALUE)
        .build();
    events = new Parse(settings).parseString(text).iterator();
    List<Node> documents = new ArrayList<>();
    while (events.hasNext()) {
      Event e = events.next();
      if (e.getEventId() == Event.ID.DocumentStart) {
        anchors.clear();
        expanded = 0;
        Node root = node(events.next());
        Event end = events.next();
        if (end.getEventId() != Event.ID.DocumentEnd) {
          throw KustomizeException.at(file, null, line(end), "invalid YAML: expected the end of the document");
        }
        if (!(root instanceof ScalarNode s && s.isNull())) {
          documents.add(root);
        }
      }
    }
    return documents;
  }

  private Node node(Event e) throws KustomizeException {
    switch (e.getEventId()) {
      case Alias:
        return alias((AliasEvent) e);
      case Scalar:
        return register(e, scalar((ScalarEvent) e));
      case SequenceStart: {
        SeqNode seq = new SeqNode();
        start(seq, (CollectionStartEvent) e);
        Event next;
        while ((next = events.next()).getEventId() != Event.ID.SequenceEnd) {
          seq.add(node(next));
        }
        return register(e, seq);
      }
      case MappingStart: {
        MapNode map = new MapNode();
        start(map, (CollectionStartEvent) e);
        List<Node> merges = new ArrayList<>();
        Event next;
        while ((next = events.next()).getEventId() != Event.ID.MappingEnd) {
          Node key = node(next);
          Node value = node(events.next());
          if (!(key instanceof ScalarNode k)) {
            throw KustomizeException.at(file, null, key.line(),
                "mapping keys must be scalars; complex keys are not supported");
          }
          if (isMerge(k)) {
            merges.add(value);
            continue;
          }
          if (map.has(k.value()) && lastKeyWins) {
            // go-yaml v2 decoding into a map (sigs.k8s.io/yaml): the later value replaces the earlier, whole
            map.entries().removeIf(entry -> entry.key().value().equals(k.value()));
          } else if (map.has(k.value())) {
            throw KustomizeException.at(file, null, k.line(),
                "invalid YAML: mapping key \"" + k.value() + "\" already defined");
          }
          map.entries().add(new MapNode.Entry(k, value));
        }
        merge(map, merges);
        return register(e, map);
      }
      default:
        throw KustomizeException.at(file, null, line(e), "invalid YAML: unexpected " + e.getEventId());
    }
  }

  /** go-yaml v3 treats a plain, untagged (or !!merge-tagged) {@code <<} key as a merge key. */
  private static boolean isMerge(ScalarNode k) {
    if (!k.value().equals("<<")) {
      return false;
    }
    if (k.tagExplicit()) {
      return Tags.MERGE.equals(k.tag());
    }
    return k.style() == ScalarStyle.PLAIN;
  }

  private void merge(MapNode map, List<Node> merges) throws KustomizeException {
    for (Node source : merges) {
      List<Node> sources = source instanceof SeqNode seq ? seq.items() : List.of(source);
      for (Node s : sources) {
        if (!(s instanceof MapNode m)) {
          throw KustomizeException.at(file, null, s.line(),
              "invalid YAML: map merge requires a map or a sequence of maps as the value");
        }
        for (MapNode.Entry entry : m.entries()) {
          if (!map.has(entry.key().value())) {
            map.entries().add(new MapNode.Entry(entry.key().copy(), entry.value().copy()));
          }
        }
      }
    }
  }

  private Node alias(AliasEvent e) throws KustomizeException {
    String name = e.getAlias().getValue();
    Node target = anchors.get(name);
    if (target == null) {
      throw KustomizeException.at(file, null, line(e), "invalid YAML: unknown anchor '" + name + "' referenced");
    }
    expanded += size(target, MAX_ALIAS_EXPANSION + 1L);
    if (expanded > MAX_ALIAS_EXPANSION) {
      throw KustomizeException.at(file, null, line(e),
          "YAML aliases expand to more than " + MAX_ALIAS_EXPANSION
              + " nodes (an alias bomb?); write the content out instead of nesting aliases");
    }
    Node copy = target.copy();
    copy.anchor(null);
    return copy;
  }

  private static long size(Node n, long cap) {
    long total = 1;
    if (n instanceof MapNode m) {
      for (MapNode.Entry entry : m.entries()) {
        total += 1 + size(entry.value(), cap);
        if (total > cap) {
          return total;
        }
      }
    } else if (n instanceof SeqNode s) {
      for (Node item : s.items()) {
        total += size(item, cap);
        if (total > cap) {
          return total;
        }
      }
    }
    return total;
  }

  private Node register(Event e, Node n) {
    Optional<org.snakeyaml.engine.v2.common.Anchor> anchor = ((NodeEvent) e).getAnchor();
    anchor.ifPresent(a -> {
      n.anchor(a.getValue());
      anchors.put(a.getValue(), n);
    });
    return n;
  }

  private void start(Node n, CollectionStartEvent e) {
    position(n, e);
    e.getTag().filter(t -> !t.equals("!")).ifPresent(t -> {
      n.tag(t);
      n.tagExplicit(true);
    });
    if (n instanceof MapNode m) {
      m.flow(e.isFlow());
    } else if (n instanceof SeqNode s) {
      s.flow(e.isFlow());
    }
  }

  private ScalarNode scalar(ScalarEvent e) {
    lastScalar = e;
    ScalarStyle style = switch (e.getScalarStyle()) {
      case SINGLE_QUOTED -> ScalarStyle.SINGLE_QUOTED;
      case DOUBLE_QUOTED, JSON_SCALAR_STYLE -> ScalarStyle.DOUBLE_QUOTED;
      case LITERAL -> ScalarStyle.LITERAL;
      case FOLDED -> ScalarStyle.FOLDED;
      default -> ScalarStyle.PLAIN;
    };
    Optional<String> tag = e.getTag();
    String resolved;
    boolean explicit = false;
    if (tag.isPresent() && !tag.get().equals("!")) {
      resolved = tag.get();
      explicit = true;
    } else if (tag.isPresent() || style != ScalarStyle.PLAIN) {
      resolved = Tags.STR;
    } else {
      resolved = Resolver.v3Tag(e.getValue());
    }
    ScalarNode s = new ScalarNode(e.getValue(), resolved, style);
    s.tagExplicit(explicit);
    position(s, e);
    return s;
  }

  private static void position(Node n, Event e) {
    e.getStartMark().ifPresent(m -> n.position(m.getLine() + 1, m.getColumn() + 1));
  }

  private static int line(Event e) {
    return e.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
  }
}
