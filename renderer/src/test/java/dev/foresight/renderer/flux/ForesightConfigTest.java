package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForesightConfigTest {

  @Test
  void parsesProfilesAndSources() throws Exception {
    ForesightConfig config = ForesightConfig.parse("""
        profiles:
        - name: prod
          path: ./clusters/prod/
        sources:
          platform:
            url: https://github.com/acme/platform.git
            ref: main
          flux-system/self-too:
            url: self
        """);
    assertEquals(List.of(new Profile("prod", "clusters/prod")), config.profiles());
    assertEquals("main", config.source("flux-system", "platform").orElseThrow().ref());
    assertTrue(config.source("flux-system", "self-too").orElseThrow().self());
    assertTrue(config.source("other", "self-too").isEmpty());
  }

  @Test
  void anUnknownTopLevelKeyIsAnErrorSuggestingTheKeyMeant() throws Exception {
    assertEquals("foresight.yaml:2: profile is not a top-level key of foresight.yaml; did you mean 'profiles'? (the keys"
        + " are profiles, sources, flux, report, changelog, promotions, render; see docs/foresight-yaml.md)",
        assertThrows(ForesightConfig.InvalidException.class, () -> ForesightConfig.parse(
            "sources: {}\nprofile: [{name: a, path: a}]\n")).getMessage());
    assertTrue(assertThrows(ForesightConfig.InvalidException.class, () -> ForesightConfig.parse("tickets: x\n"))
        .getMessage().startsWith("foresight.yaml:1: tickets is not a top-level key of foresight.yaml (the keys"),
        "nothing close: no guess");
    assertTrue(assertThrows(ForesightConfig.InvalidException.class, () -> ForesightConfig.parse("Sources: {}\n"))
        .getMessage().contains("did you mean 'sources'?"), "case");
    for (String key : ForesightConfig.KEYS) {
      ForesightConfig.parse(key + ": " + (key.equals("profiles") ? "[]" : "{}") + "\n"); // every known key parses
    }
  }

  @Test
  void errorsNameLineAndField() {
    assertEquals("foresight.yaml:2: profiles must be a list of {name, path}",
        assertThrows(ForesightConfig.InvalidException.class, () -> ForesightConfig.parse("report: {}\nprofiles: prod\n"))
            .getMessage());
    assertEquals("foresight.yaml:1: profiles[0].path is required (the entry directory, e.g. clusters/a)",
        assertThrows(ForesightConfig.InvalidException.class, () -> ForesightConfig.parse("profiles: [{name: a}]\n"))
            .getMessage());
    assertEquals("foresight.yaml:3: sources.platform.ref is required with a url (a branch, tag or commit id)",
        assertThrows(ForesightConfig.InvalidException.class,
            () -> ForesightConfig.parse("sources:\n  platform:\n    url: https://x\n")).getMessage());
    assertTrue(assertThrows(ForesightConfig.InvalidException.class, () -> ForesightConfig.parse("a: [\n"))
        .getMessage().startsWith("foresight.yaml: not valid YAML"));
  }

  @Test
  void fluxStrictPostBuildSubstitutionsIsOptInAndChecked() throws Exception {
    assertFalse(ForesightConfig.parse("profiles: []\n").strictPostBuildSubstitutions(), "default off");
    assertFalse(ForesightConfig.NONE.strictPostBuildSubstitutions());
    assertTrue(ForesightConfig.parse("flux:\n  strictPostBuildSubstitutions: true\n").strictPostBuildSubstitutions());
    assertFalse(ForesightConfig.parse("flux:\n  strictPostBuildSubstitutions: false\n").strictPostBuildSubstitutions());
    assertTrue(ForesightConfig.parse("flux:\n  strictPostBuildSubstitutions: true\n").section("flux").isEmpty(),
        "owned here, not handed to other packages");
    assertEquals("foresight.yaml:2: flux.strictPostBuildSubstitutions must be true or false, was 'yes please'",
        assertThrows(ForesightConfig.InvalidException.class, () -> ForesightConfig.parse(
            "flux:\n  strictPostBuildSubstitutions: yes please\n")).getMessage());
    assertEquals("foresight.yaml:2: flux.strict unknown field; flux has strictPostBuildSubstitutions; did you mean "
        + "'strictPostBuildSubstitutions'?",
        assertThrows(ForesightConfig.InvalidException.class, () -> ForesightConfig.parse("flux:\n  strict: true\n"))
            .getMessage());
  }
}
