package dev.foresight.renderer.secret;

import dev.foresight.renderer.manifest.Manifests;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Replaces Secret values in rendered multi-document YAML by keyed digests. Equal values give equal
 * tokens, so a diff shows that a key changed but not its value. {@code data} values are decoded
 * from base64 first, so the same value in {@code data} and {@code stringData} gives the same token.
 * Documents that are not Secrets are kept byte for byte; Secrets are re-emitted in block style.
 * Thread-safe.
 */
public final class SecretMasker {

  public static final String PREFIX = "masked:";
  private static final Pattern SECRET_KIND = Pattern.compile("(?m)^kind:\\s*[\"']?Secret[\"']?\\s*$");

  private final SecretKeySpec key;

  public SecretMasker(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("mask key is empty; load one with MaskKey.load(dataDir)");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** {@code yaml} with every Secret value masked. */
  public String mask(String yaml) {
    List<String> docs = new ArrayList<>();
    for (String doc : Manifests.split(yaml)) {
      docs.add(maskDocument(doc));
    }
    return Manifests.join(docs);
  }

  /** The token for one clear value. */
  public String token(byte[] value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(value), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private String maskDocument(String doc) {
    if (!doc.contains("Secret")) {
      return doc;
    }
    Object parsed;
    try {
      parsed = new Load(LoadSettings.builder().build()).loadFromString(doc);
    } catch (RuntimeException e) {
      // Never echo the document: it may hold clear values.
      return SECRET_KIND.matcher(doc).find()
          ? "# a Secret document that is not valid YAML was replaced: " + token(doc.getBytes(StandardCharsets.UTF_8)) + "\n"
          : doc;
    }
    if (!(parsed instanceof Map<?, ?> object) || !"Secret".equals(object.get("kind"))
        || !"v1".equals(object.get("apiVersion"))) {
      return doc;
    }
    Map<Object, Object> masked = new LinkedHashMap<>(object);
    maskValues(masked, "data", true);
    maskValues(masked, "stringData", false);
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    return new Dump(settings).dumpToString(masked);
  }

  private void maskValues(Map<Object, Object> object, String field, boolean base64) {
    if (!(object.get(field) instanceof Map<?, ?> values)) {
      return;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, v == null ? null : token(clear(String.valueOf(v), base64))));
    object.put(field, out);
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
