package dev.foresight.renderer.remote;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a host names an address that is not on the public internet: loopback (127/8, ::1),
 * unspecified (0.0.0.0/8, ::), link-local (169.254/16, fe80::/10), private (10/8, 172.16/12,
 * 192.168/16, fc00::/7, fec0::/10), shared (100.64/10), multicast and broadcast; IPv6 forms that
 * embed an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96, 2002::/16) are judged by it.
 *
 * <p>Host literals are read the way the C library's resolver reads them (git and curl use it):
 * {@code inet_aton} forms such as {@code 2130706433}, {@code 0x7f.1} or {@code 0177.0.0.1} are the
 * IPv4 address they denote, not host names.
 */
public final class HostAddresses {

  private HostAddresses() {}

  /** The address a host literal denotes (IPv4 in any inet_aton form, IPv6 with or without brackets), if it is one. */
  public static Optional<InetAddress> literal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    int zone = h.indexOf('%');
    if (zone >= 0) {
      h = h.substring(0, zone); // fe80::1%25eth0: the zone does not change the range
    }
    if (h.contains(":")) {
      if (!h.matches("[0-9a-f:.]+")) {
        return Optional.empty();
      }
      try {
        return Optional.of(InetAddress.getByName(h)); // an IPv6 literal: no lookup
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    byte[] v4 = atonV4(h.endsWith(".") ? h.substring(0, h.length() - 1) : h);
    if (v4 == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(v4));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** True for {@code localhost} and names below it (RFC 6761: they always resolve to loopback). */
  public static boolean isLocalhostName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost");
  }

  /** True when {@code address} is not a public unicast address. */
  public static boolean isNonPublic(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      Inet4Address embedded = embeddedV4(b);
      if (embedded != null) {
        return isNonPublic(embedded);
      }
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return v6.isAnyLocalAddress() || v6.isLoopbackAddress() || v6.isMulticastAddress()
          || (first & 0xfe) == 0xfc // fc00::/7 unique local
          || first == 0xfe && (second & 0xc0) == 0x80 // fe80::/10 link-local
          || first == 0xfe && (second & 0xc0) == 0xc0; // fec0::/10 site-local (deprecated)
    }
    byte[] b = address.getAddress();
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    return a0 == 0 || a0 == 127 || a0 == 10
        || a0 == 169 && a1 == 254
        || a0 == 172 && (a1 & 0xf0) == 16
        || a0 == 192 && a1 == 168
        || a0 == 100 && (a1 & 0xc0) == 64
        || a0 >= 224; // multicast, reserved, broadcast
  }

  /** The IPv4 address an IPv6 address carries: mapped, compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
  private static Inet4Address embeddedV4(byte[] b) {
    boolean zero10 = true;
    for (int i = 0; i < 10; i++) {
      zero10 &= b[i] == 0;
    }
    int w5 = ((b[10] & 0xff) << 8) | (b[11] & 0xff);
    byte[] v4 = null;
    if (zero10 && (w5 == 0xffff || w5 == 0)) {
      boolean unspecifiedOrLoopback = w5 == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1);
      if (!unspecifiedOrLoopback) {
        v4 = new byte[] {b[12], b[13], b[14], b[15]};
      }
    } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
      boolean rest = true;
      for (int i = 4; i < 12; i++) {
        rest &= b[i] == 0;
      }
      if (rest) {
        v4 = new byte[] {b[12], b[13], b[14], b[15]};
      }
    } else if (b[0] == 0x20 && b[1] == 0x02) {
      v4 = new byte[] {b[2], b[3], b[4], b[5]};
    }
    if (v4 == null) {
      return null;
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * inet_aton: one to four parts separated by dots, each decimal, octal (leading 0) or hex (0x);
   * the last part fills the remaining bytes. Null when {@code text} is not such an address.
   */
  static byte[] atonV4(String text) {
    if (text.isEmpty()) {
      return null;
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Long v = number(parts[i]);
      if (v == null) {
        return null;
      }
      values[i] = v;
    }
    long address = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i] > 0xff) {
        return null;
      }
      address |= values[i] << (8 * (3 - i));
    }
    long last = values[parts.length - 1];
    long max = (1L << (8 * (4 - (parts.length - 1)))) - 1;
    if (last > max) {
      return null;
    }
    address |= last;
    return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
  }

  private static Long number(String part) {
    if (part.isEmpty()) {
      return null;
    }
    int radix = 10;
    String digits = part;
    if (part.startsWith("0x")) {
      radix = 16;
      digits = part.substring(2);
      if (digits.isEmpty()) {
        return 0L; // "0x" is 0 for inet_aton
      }
    } else if (part.length() > 1 && part.startsWith("0")) {
      radix = 8;
      digits = part.substring(1);
    }
    String allowed = radix == 16 ? "[0-9a-f]+" : radix == 8 ? "[0-7]+" : "[0-9]+";
    if (digits.length() > 12 || !digits.matches(allowed)) {
      return null;
    }
    try {
      long v = Long.parseLong(digits, radix);
      return v < 0 ? null : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
