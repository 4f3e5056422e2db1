package dev.foresight.kustomize.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Yaml;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JSON 6902 edges as kustomize v5.5.0 (evanphx/json-patch v4.12.0) applies them; every expected
 * output and error text was taken from {@code kubectl kustomize} on the same document and patch.
 */
class JsonPatchV4Test {

  private static final String DOC = "data: {a: x}\nspec: {arr: [1, 2, 3]}\n";

  private static String apply(String patch) throws KustomizeException {
    MapNode doc = (MapNode) Yaml.parseAll(DOC, "doc.yaml").get(0);
    JsonPatch.decode(patch, "test").apply(doc);
    return TestYaml.show(doc);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      - {op: replace, path: /data/b, value: z}              | {data: {a: x, b: z}, spec: {arr: [1, 2, 3]}}
      - {op: copy, from: /data/missing, path: /data/c}      | {data: {a: x, c: null}, spec: {arr: [1, 2, 3]}}
      - {op: add, path: /spec/arr/-1, value: 9}             | {data: {a: x}, spec: {arr: [1, 2, 3, 9]}}
      - {op: add, path: /spec/arr/-4, value: 0}             | {data: {a: x}, spec: {arr: [0, 1, 2, 3]}}
      - {op: add, path: /spec/arr/-, value: 4}              | {data: {a: x}, spec: {arr: [1, 2, 3, 4]}}
      - {op: add, path: /spec/arr/3, value: 4}              | {data: {a: x}, spec: {arr: [1, 2, 3, 4]}}
      - {op: replace, path: /spec/arr/-1, value: 7}         | {data: {a: x}, spec: {arr: [1, 2, 7]}}
      - {op: remove, path: /spec/arr/-1}                    | {data: {a: x}, spec: {arr: [1, 2]}}
      - {op: move, from: /spec/arr/-3, path: /spec/arr/-}   | {data: {a: x}, spec: {arr: [2, 3, 1]}}
      - {op: add, path: data/q, value: 1}                   | {data: {a: x}, q: 1, spec: {arr: [1, 2, 3]}}
      - {op: replace, path: '', value: 5}                   | {data: {a: x}, spec: {arr: [1, 2, 3]}}
      - {op: add, path: /data/a~1b~0c, value: 1}            | {data: {a: x, a/b~c: 1}, spec: {arr: [1, 2, 3]}}
      - {op: test, path: /data/nope, value: null}           | {data: {a: x}, spec: {arr: [1, 2, 3]}}
      - {op: test, path: /spec/arr/0, value: 1.0}           | {data: {a: x}, spec: {arr: [1, 2, 3]}}
      - {op: test, path: /spec, value: {arr: [1, 2, 3]}}    | {data: {a: x}, spec: {arr: [1, 2, 3]}}
      '[{"op": "test", "path": "/spec/arr/0", "value": 1}]' | {data: {a: x}, spec: {arr: [1, 2, 3]}}
      - {op: add, path: /data/n}                            | {data: {a: x, n: null}, spec: {arr: [1, 2, 3]}}
      - {op: move, from: /data/a, path: /spec/a}            | {data: {}, spec: {a: x, arr: [1, 2, 3]}}
      """)
  void appliesLikeV4(String patch, String expected) throws KustomizeException {
    assertEquals(expected, apply(patch));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      - {op: move, from: /data/missing, path: /data/c}    | error in move for path: 'missing': Unable to remove nonexistent key: missing: missing value
      - {op: add, path: /spec/arr/4, value: 9}            | error in add for path: '/spec/arr/4': Unable to access invalid index: 4: invalid index referenced
      - {op: add, path: /nope/x, value: 9}                | add operation does not apply: doc is missing path: "/nope/x": missing value
      - {op: remove, path: /nope/x}                       | remove operation does not apply: doc is missing path: "/nope/x": missing value
      - {op: remove, path: /data/nope}                    | error in remove for path: '/data/nope': Unable to remove nonexistent key: nope: missing value
      - {op: remove, path: /spec/arr/x}                   | error in remove for path: '/spec/arr/x': strconv.Atoi: parsing "x": invalid syntax
      - {op: test, path: /data/a, value: y}               | testing value /data/a failed: test failed
      - {op: replace, path: /nope/x, value: 9}            | replace operation does not apply: doc is missing path: /nope/x: missing value
      - {op: bogus, path: /a}                             | Unexpected kind: bogus
      - {path: /a}                                        | Unexpected kind: unknown
      - {op: add, value: 1}                               | add operation failed to decode path: missing value
      - {op: add, path: '', value: {a: 1}}                | add operation does not apply: doc is missing path: "": missing value
      - {op: test, path: /spec/arr/7, value: 1}           | error in test for path: '/spec/arr/7': Unable to access invalid index: 7: invalid index referenced
      - {op: replace, path: /spec/arr/-, value: 1}        | replace operation does not apply: doc is missing key: /spec/arr/-: missing value
      - {op: remove, path: /spec/arr/-4}                  | error in remove for path: '/spec/arr/-4': Unable to access invalid index: -4: invalid index referenced
      - {op: add, path: /spec/arr/-5, value: 0}           | error in add for path: '/spec/arr/-5': Unable to access invalid index: -5: invalid index referenced
      - {op: add, path: /spec/arr/x, value: 0}            | error in add for path: '/spec/arr/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax
      - {op: move, from: /spec/arr/9, path: /q}           | error in move for path: '9': Unable to access invalid index: 9: invalid index referenced
      - {op: copy, from: /spec/arr/9, path: /q}           | error in copy for from: '/spec/arr/9': Unable to access invalid index: 9: invalid index referenced
      - {op: copy, from: /nope/x, path: /q}               | copy operation does not apply: doc is missing from path: /nope/x: missing value
      - {op: copy, from: /data/a, path: /nope/q}          | copy operation does not apply: doc is missing destination path: /nope/q: missing value
      - {op: move, from: /data/a, path: /nope/q}          | move operation does not apply: doc is missing destination path: /nope/q: missing value
      - {op: move, from: /data, path: /data/x}            | move operation does not apply: doc is missing destination path: /data/x: missing value
      '[{"op": "test", "path": "/spec/arr/0", "value": 1.0}]' | testing value /spec/arr/0 failed: test failed
      '[{"op": "test", "path": "/data/a", "value": "\\u0078"}]' | testing value /data/a failed: test failed
      '[{op: add, path: /q, value: 1}]'                   | invalid character 'o' looking for beginning of object key string
      - {op: test, path: /data/nope}                      | crashes
      """)
  void failsLikeV4(String patch, String error) {
    KustomizeException e = assertThrows(KustomizeException.class, () -> apply(patch));
    assertEquals(true, e.getMessage().contains(error), e.getMessage());
  }
}
