package dev.foresight.renderer.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostAddressesTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1", "2130706433", "0x7f000001", "0x7f.1", "0177.0.0.1", "0x7f.0.0.1",
      "127.0.0.1.", "0.0.0.0", "0", "10.1.2.3", "167772161", "172.16.0.1", "172.31.255.255", "192.168.1.1",
      "169.254.169.254", "0xa9.0xfe.0xa9.0xfe", "100.64.0.1", "224.0.0.1", "255.255.255.255",
      "[::1]", "::1", "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::ffff:169.254.169.254]", "[::127.0.0.1]",
      "[fe80::1]", "[fe80::1%25eth0]", "[febf::1]", "[fc00::1]", "[fd12:3456::1]", "[fec0::1]",
      "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[ff02::1]"})
  void nonPublicLiterals(String host) {
    InetAddress address = HostAddresses.literal(host).orElseThrow(() -> new AssertionError(host + " not a literal"));
    assertTrue(HostAddresses.isNonPublic(address), host + " = " + address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"140.82.121.4", "8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "169.255.0.1",
      "100.128.0.1", "11.0.0.1", "[2606:4700::1111]", "[2a00:1450:4001::200e]", "[::ffff:8.8.8.8]", "134744072"})
  void publicLiterals(String host) {
    InetAddress address = HostAddresses.literal(host).orElseThrow(() -> new AssertionError(host + " not a literal"));
    assertFalse(HostAddresses.isNonPublic(address), host + " = " + address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github.com", "example.org", "1.2.3.4.5", "256.1.1.1.1", "0x", "08.0.0.1", "1.2.3.256",
      "4294967296", "a.b.c.d", "127.0.0.1x", "-1", "+1", "1..1", "[::g]", "git.corp:22"})
  void notLiterals(String host) {
    if (host.equals("0x")) {
      assertEquals("0.0.0.0", HostAddresses.literal(host).orElseThrow().getHostAddress()); // inet_aton reads "0x" as 0
      return;
    }
    assertTrue(HostAddresses.literal(host).isEmpty(), host);
  }

  @Test
  void atonFillsTheLastPart() {
    assertEquals("127.0.0.1", HostAddresses.literal("2130706433").orElseThrow().getHostAddress());
    assertEquals("127.0.0.1", HostAddresses.literal("0x7f.1").orElseThrow().getHostAddress());
    assertEquals("10.0.1.2", HostAddresses.literal("10.258").orElseThrow().getHostAddress());
    assertEquals("192.168.0.1", HostAddresses.literal("0300.0250.0.01").orElseThrow().getHostAddress());
  }

  @Test
  void localhostNames() {
    assertTrue(HostAddresses.isLocalhostName("localhost"));
    assertTrue(HostAddresses.isLocalhostName("LocalHost."));
    assertTrue(HostAddresses.isLocalhostName("api.localhost"));
    assertFalse(HostAddresses.isLocalhostName("localhost.example.com"));
    assertFalse(HostAddresses.isLocalhostName("notlocalhost"));
  }
}
