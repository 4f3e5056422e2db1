package dev.foresight.renderer.secret;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Yaml;
import dev.foresight.renderer.manifest.Manifests;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces secret content in rendered multi-document YAML by keyed digests, before anything leaves
 * the renderer:
 *
 * <ul>
 *   <li>every {@code data}/{@code stringData} value of a {@code v1 Secret} becomes
 *       {@code masked:<16 hex>} (HMAC-SHA256 of the clear value; {@code data} is base64-decoded
 *       first, so the same value in {@code data} and {@code stringData} gives the same token);
 *   <li>every SOPS ciphertext {@code ENC[AES256_GCM,data:...,type:str]}, in any object, becomes
 *       {@code sops-encrypted:<16 hex>} (a digest of the ciphertext: SOPS re-encrypts with a new IV
 *       every time, so equal plaintexts cannot be recognised; a changed token means "re-encrypted
 *       or changed"), and the top-level {@code sops:} metadata block (mac, lastmodified: noise) is
 *       dropped;
 *   <li>{@link #maskFlows}: the fields a build copied a Secret's data into ({@link SecretFlows}:
 *       kustomize replacements, exactly the span of the value; vars, by equality in that build);
 *   <li>{@link #scrub}: error and warning text, where every clear value known to come from a
 *       Secret is replaced wherever it appears (by equality: a message has no fields to track).
 * </ul>
 *
 * Outputs are masked by provenance, not by value: a Secret's value written elsewhere as a literal
 * stays visible there (it is in the repository in clear anyway), and {@code postBuild} variables
 * from Secrets are substituted as tokens at substitution time, so only their spans are masked.
 *
 * Documents without secret content are kept byte for byte; changed ones are re-emitted with the
 * kustomize module's writer (kubectl's formatting). Thread-safe.
 */
public final class SecretMasker {

  public static final String PREFIX = "masked:";
  public static final String SOPS_PREFIX = "sops-encrypted:";
  /** Values shorter than this are not searched for in other objects (too many false matches). */
  public static final int MIN_VALUE_LENGTH = 4;
  /** Values at least this long are also replaced inside longer strings (URLs with passwords...). */
  public static final int MIN_SUBSTRING_LENGTH = 8;

  private static final Pattern SECRET_KIND = Pattern.compile("(?m)^kind:\\s*[\"']?Secret[\"']?\\s*$");
  private static final Pattern ENC = Pattern.compile("ENC\\[[A-Za-z0-9_]+,data:[^\\]]*\\]");
  /** Go's fmt of a map, as kustomize errors print objects: {@code data:map[key:value ...]}. */
  private static final Pattern GO_MAP_VALUES = Pattern.compile("((?:string)?[dD]ata:map\\[)[^\\]]*\\]");

  /**
   * Values not searched for in other objects and messages: YAML booleans, null and numbers
   * ({@code enabled: "true"} in a Secret must not turn every {@code true} into a token).
   */
  private static final Pattern NOT_SEARCHED = Pattern.compile(
      "(?i)true|false|yes|no|on|off|null|~|[-+]?(\\d[\\d_]*)?(\\.\\d+)?([eE][-+]?\\d+)?|0x[0-9a-f]+|0o[0-7]+");

  private final SecretKeySpec key;

  public SecretMasker(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("mask key is empty; load one with MaskKey.load(dataDir)");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** {@code yaml} with every Secret value and SOPS ciphertext masked, the {@code sops:} blocks dropped. */
  public String mask(String yaml) {
    List<String> docs = new ArrayList<>();
    for (String doc : Manifests.split(yaml)) {
      docs.add(maskDocument(doc));
    }
    return Manifests.join(docs);
  }

  /** The token for one clear value. */
  public String token(byte[] value) {
    return PREFIX + digest(value);
  }

  /** The token for one clear text value. */
  public String token(String value) {
    return token(value.getBytes(StandardCharsets.UTF_8));
  }

  /** The token for one SOPS ciphertext ({@code ENC[...]}). */
  public String sopsToken(String ciphertext) {
    return SOPS_PREFIX + digest(("sops\u0000" + ciphertext).getBytes(StandardCharsets.UTF_8));
  }

  /** The clear values (decoded {@code data}, {@code stringData}) of every readable v1 Secret of {@code yaml}. */
  public Set<String> secretValues(String yaml) {
    Set<String> values = new LinkedHashSet<>();
    if (yaml == null || !yaml.contains("Secret")) {
      return values;
    }
    for (String doc : Manifests.split(yaml)) {
      if (!doc.contains("Secret")) {
        continue;
      }
      MapNode object = Manifests.mapping(doc);
      if (object == null || !isSecret(object)) {
        continue;
      }
      collect(object.get("data"), true, values);
      collect(object.get("stringData"), false, values);
    }
    return values;
  }

  /**
   * {@code yaml} (already {@link #mask masked}) with the fields of {@code flows} masked: the span of
   * each value a replacement copied from a Secret becomes its token (the whole field when the value
   * is not known), and the values vars spread from Secrets are replaced by {@link #maskValues}.
   */
  public String maskFlows(String yaml, SecretFlows.Resolved flows) {
    if (yaml == null || flows == null || flows.isEmpty()) {
      return yaml;
    }
    String out = FlowMasks.apply(yaml, flows.fields(), this::token);
    return flows.varValues().isEmpty() ? out : maskValues(out, flows.varValues());
  }

  /**
   * {@code yaml} with every known clear {@code values} replaced by its token in the scalar values of
   * every object (keys, {@code apiVersion}, {@code kind}, {@code metadata.name} and
   * {@code metadata.namespace} untouched; booleans, null and numbers are not searched): a whole scalar equal to a value of at least
   * {@value #MIN_VALUE_LENGTH} characters, and any occurrence of a value of at least
   * {@value #MIN_SUBSTRING_LENGTH} characters (also base64-encoded). Other documents stay byte for byte.
   * Masking by equality: only the fallback for what cannot be tracked field by field (a var's
   * {@code $(VAR)} from a Secret, a build whose files cannot all be read); never the whole output.
   */
  public String maskValues(String yaml, Collection<String> values) {
    List<Known> known = usable(values);
    if (yaml == null || known.isEmpty()) {
      return yaml;
    }
    List<String> docs = new ArrayList<>();
    for (String doc : Manifests.split(yaml)) {
      if (!mentionsAny(doc, known)) {
        docs.add(doc);
        continue;
      }
      MapNode object = Manifests.mapping(doc);
      if (object == null) {
        docs.add(scrub(doc, known));
        continue;
      }
      boolean changed = false;
      for (MapNode.Entry e : object.entries()) {
        String field = e.key().value();
        if (field.equals("apiVersion") || field.equals("kind")) {
          continue; // identity: an object's type is no secret
        }
        if (field.equals("metadata") && e.value() instanceof MapNode metadata) {
          for (MapNode.Entry m : metadata.entries()) {
            if (!m.key().value().equals("name") && !m.key().value().equals("namespace")) {
              changed |= replaceScalars(m.value(), known);
            }
          }
          continue;
        }
        changed |= replaceScalars(e.value(), known);
      }
      docs.add(changed ? Yaml.emit(object) : doc);
    }
    return Manifests.join(docs);
  }

  /**
   * An error or warning text with every known value (at least {@value #MIN_VALUE_LENGTH} characters,
   * clear or base64) replaced by its token, SOPS ciphertexts by theirs, and the values of Go-printed
   * {@code data:map[...]}/{@code stringData:map[...]} (kustomize errors quoting an object) removed.
   */
  public String scrub(String text, Collection<String> values) {
    return text == null ? null : scrub(text, usable(values));
  }

  private String scrub(String text, List<Known> known) {
    String out = GO_MAP_VALUES.matcher(text).replaceAll("$1(masked)]");
    out = replaceEnc(out);
    for (Known k : known) {
      out = out.replace(k.value(), k.token()).replace(k.base64(), k.token());
    }
    return out;
  }

  private String maskDocument(String doc) {
    boolean secretish = doc.contains("Secret");
    boolean enc = doc.contains("ENC[");
    boolean sops = doc.contains("sops:");
    if (!secretish && !enc && !sops) {
      return doc;
    }
    MapNode object = Manifests.mapping(doc);
    if (object == null) {
      // Never echo the document: it may hold clear values.
      if (SECRET_KIND.matcher(doc).find()) {
        return "# a Secret document that is not valid YAML was replaced: " + token(doc.getBytes(StandardCharsets.UTF_8))
            + "\n";
      }
      return enc ? replaceEnc(doc) : doc;
    }
    boolean changed = false;
    if (object.get("sops") instanceof MapNode) {
      object.remove("sops");
      changed = true;
    }
    if (isSecret(object)) {
      changed |= maskSecretField(object, "data", true);
      changed |= maskSecretField(object, "stringData", false);
    }
    if (enc) {
      changed |= replaceEncScalars(object);
    }
    return changed ? Yaml.emit(object) : doc;
  }

  private boolean maskSecretField(MapNode object, String field, boolean base64) {
    if (!(object.get(field) instanceof MapNode values)) {
      return false;
    }
    for (MapNode.Entry e : values.entries()) {
      if (e.value() instanceof ScalarNode s && !s.isNull()) {
        String v = s.value();
        e.value(ScalarNode.string(ENC.matcher(v).find() ? sopsToken(v) : token(clear(v, base64))));
      } else if (e.value() != null && !(e.value() instanceof ScalarNode)) {
        e.value(ScalarNode.string(token(Yaml.emit(e.value()).getBytes(StandardCharsets.UTF_8))));
      }
    }
    return true;
  }

  private boolean replaceEncScalars(Node node) {
    boolean changed = false;
    if (node instanceof MapNode map) {
      for (MapNode.Entry e : map.entries()) {
        changed |= replaceEncScalars(e.value());
      }
    } else if (node instanceof SeqNode seq) {
      for (Node item : seq.items()) {
        changed |= replaceEncScalars(item);
      }
    } else if (node instanceof ScalarNode s && s.value() != null && s.value().contains("ENC[")) {
      String replaced = replaceEnc(s.value());
      if (!replaced.equals(s.value())) {
        s.value(replaced);
        s.tag(dev.foresight.kustomize.yaml.Tags.STR);
        changed = true;
      }
    }
    return changed;
  }

  private String replaceEnc(String text) {
    Matcher m = ENC.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(sopsToken(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private boolean replaceScalars(Node node, List<Known> known) {
    boolean changed = false;
    if (node instanceof MapNode map) {
      for (MapNode.Entry e : map.entries()) {
        changed |= replaceScalars(e.value(), known);
      }
    } else if (node instanceof SeqNode seq) {
      for (Node item : seq.items()) {
        changed |= replaceScalars(item, known);
      }
    } else if (node instanceof ScalarNode s && s.value() != null && !s.isNull()) {
      String v = s.value();
      String out = v;
      for (Known k : known) {
        if (out.equals(k.value())) {
          out = k.token();
          break;
        }
        if (k.value().length() >= MIN_SUBSTRING_LENGTH) {
          out = out.replace(k.value(), k.token()).replace(k.base64(), k.token());
        }
      }
      if (!out.equals(v)) {
        s.value(out);
        s.tag(dev.foresight.kustomize.yaml.Tags.STR);
        changed = true;
      }
    }
    return changed;
  }

  private static boolean mentionsAny(String doc, List<Known> known) {
    for (Known k : known) {
      if (doc.contains(k.value()) || k.value().length() >= MIN_SUBSTRING_LENGTH && doc.contains(k.base64())) {
        return true;
      }
    }
    return false;
  }

  /** A value searched for, with its base64 form and its token (computed once per call, not per scalar). */
  private record Known(String value, String base64, String token) {}

  /** Values long enough to search for, longest first (so a value inside another is replaced last). */
  private List<Known> usable(Collection<String> values) {
    if (values == null) {
      return List.of();
    }
    return values.stream().filter(v -> v != null && v.strip().length() >= MIN_VALUE_LENGTH && !v.startsWith(PREFIX)
            && !NOT_SEARCHED.matcher(v).matches())
        .distinct().sorted(Comparator.comparingInt(String::length).reversed())
        .map(v -> new Known(v, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)), token(v)))
        .toList();
  }

  private static void collect(Node values, boolean base64, Set<String> out) {
    if (!(values instanceof MapNode map)) {
      return;
    }
    for (MapNode.Entry e : map.entries()) {
      if (e.value() instanceof ScalarNode s && !s.isNull() && s.value() != null && !s.value().contains("ENC[")) {
        out.add(new String(clear(s.value(), base64), StandardCharsets.UTF_8));
        if (base64) {
          out.add(s.value());
        }
      }
    }
  }

  private static boolean isSecret(MapNode object) {
    return "Secret".equals(scalar(object.get("kind"))) && "v1".equals(scalar(object.get("apiVersion")));
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s ? s.value() : null;
  }


  private String digest(byte[] value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(value), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static byte[] clear(String value, boolean base64) {
    if (base64) {
      try {
        return Base64.getMimeDecoder().decode(value);
      } catch (IllegalArgumentException notBase64) {
        // fall through: digest the text as written
      }
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
