package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

  @Test
  void collectsStringDataAndDecodedDataOfSecretsOnly() {
    Set<String> values = new TreeSet<>();
    SecretValues.collect("""
        apiVersion: v1
        kind: Secret
        metadata: {name: db}
        stringData:
          password: hunter22
          pin: "1234"
        data:
          token: c2VjcmV0LXRva2Vu
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: plain}
        data:
          greeting: not-a-secret
        """, values);
    assertEquals(Set.of("hunter22", "c2VjcmV0LXRva2Vu", "secret-token"), values, "values under 6 chars are ignored");
  }

  @Test
  void countsValuesFoundVerbatimInAnyOutput() {
    assertEquals(List.of("hunter22"), SecretValues.leaked(new TreeSet<>(Set.of("hunter22", "secret-token")),
        List.of("+  password: hunter22", "masked:abc")));
  }
}
