package dev.foresight.kustomize.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number text as Go writes and reads it: {@code strconv.ParseInt(s, 0, 64)}-style parsing (base
 * prefixes, leading-zero octal), shortest float digits, {@code encoding/json}'s float form and
 * {@code strconv.FormatFloat(f, 'g', -1, 64)}.
 */
final class GoNumbers {

  static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private GoNumbers() {}

  /** Go's base-0 integer syntax (sign, 0x/0o/0b prefix or leading-0 octal); null when not an integer. */
  static BigInteger parseGoInteger(String s, boolean allowSign) {
    if (s.isEmpty()) {
      return null;
    }
    boolean negative = false;
    int i = 0;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      if (!allowSign) {
        return null;
      }
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    int radix = 10;
    if (body.length() >= 2 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x') {
        radix = 16;
        body = body.substring(2);
      } else if (p == 'o') {
        radix = 8;
        body = body.substring(2);
      } else if (p == 'b') {
        radix = 2;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    }
    if (body.isEmpty()) {
      return null;
    }
    for (int k = 0; k < body.length(); k++) {
      if (Character.digit(body.charAt(k), radix) < 0 || body.charAt(k) > 'z') {
        return null;
      }
    }
    BigInteger value = new BigInteger(body, radix);
    return negative ? value.negate() : value;
  }

  /** ParseInt(s, 0, 64) succeeded. */
  static boolean fitsInt64(BigInteger v) {
    return v.compareTo(INT64_MIN) >= 0 && v.compareTo(INT64_MAX) <= 0;
  }

  /** Shortest decimal digits that read back as {@code d} (d finite, non-zero): digits and decimal point position. */
  static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == d) {
        return r.stripTrailingZeros();
      }
    }
    return exact.round(MathContext.DECIMAL64).stripTrailingZeros();
  }

  /** {@code json.Marshal(float64)}. */
  static String jsonFloat(double d) {
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    double abs = Math.abs(d);
    if (abs < 1e-6 || abs >= 1e21) {
      String e = formatE(d);
      int n = e.length();
      if (n >= 4 && e.charAt(n - 4) == 'e' && e.charAt(n - 3) == '-' && e.charAt(n - 2) == '0') {
        e = e.substring(0, n - 2) + e.charAt(n - 1);
      }
      return e;
    }
    return formatF(d);
  }

  /** {@code strconv.FormatFloat(d, 'g', -1, 64)} plus go-yaml's .inf/.nan names. */
  static String yamlFloat(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal s = shortest(d);
    int nd = s.unscaledValue().abs().toString().length();
    int dp = nd - s.scale();
    int exp = dp - 1;
    if (exp < -4 || exp >= 6) {
      return formatE(d);
    }
    return formatF(d);
  }

  private static String formatE(double d) {
    BigDecimal s = shortest(d);
    String digits = s.unscaledValue().abs().toString();
    int dp = digits.length() - s.scale();
    StringBuilder out = new StringBuilder();
    if (d < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    int exp = dp - 1;
    out.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      out.append('0');
    }
    out.append(a);
    return out.toString();
  }

  private static String formatF(double d) {
    BigDecimal s = shortest(d);
    String plain = s.abs().toPlainString();
    return (d < 0 ? "-" : "") + plain;
  }
}
