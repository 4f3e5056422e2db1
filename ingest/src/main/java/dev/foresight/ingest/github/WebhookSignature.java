package dev.foresight.ingest.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Hub-Signature-256} header of a GitHub webhook delivery: {@code sha256=} followed by
 * the lowercase hex HMAC-SHA256 of the raw request body, keyed with the webhook secret (UTF-8).
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";
  private static final int HEX_LENGTH = 64;

  private WebhookSignature() {}

  /** The header value GitHub would send for {@code body} signed with {@code secret}. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  /**
   * True when {@code header} is a well-formed {@code sha256=<64 hex>} value matching the HMAC of
   * {@code body}; false for a missing, malformed or wrong header. Compares in constant time.
   */
  public static boolean verify(String secret, byte[] body, String header) {
    Objects.requireNonNull(secret, "webhook secret");
    Objects.requireNonNull(body, "body");
    if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + HEX_LENGTH) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
