package dev.foresight.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.foresight.schema.AvroSerde;
import dev.foresight.schema.Topic;
import dev.foresight.schema.Topics;
import org.junit.jupiter.api.Test;

/**
 * The pure cores (kustomize engine, Flux semantics, masking, diff and report model, views) import
 * no Kafka, JGit, HTTP or logging: the stage services are thin adapters around them, and
 * {@code foresight diff} runs the same code without Kafka.
 *
 * <p>Plain {@code @Test} methods rather than {@code @ArchTest} fields: Surefire 3.5.3 silently
 * skips field rules (TNG/ArchUnit#1442).
 */
class ArchitectureTest {

  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.foresight");

  static final String[] CORES = {
    "dev.foresight.kustomize..",
    "dev.foresight.renderer.flux..",
    "dev.foresight.renderer.secret..",
    "dev.foresight.renderer.manifest..",
    "dev.foresight.renderer.output..",
    "dev.foresight.differ",
    "dev.foresight.differ.diff..",
    "dev.foresight.differ.manifest..",
    "dev.foresight.differ.kustomization..",
    "dev.foresight.differ.progress..",
    "dev.foresight.differ.changelog..",
  };

  static final String[] VIEWS = {"dev.foresight.publisher"};

  static final String[] ADAPTER_LIBRARIES = {
    "org.apache.kafka..", "kafka..", "org.eclipse.jgit..", "java.net.http..", "com.sun.net.httpserver..",
    "dev.foresight.stage..",
  };

  static final ArchRule coresImportNoKafkaGitOrHttp = noClasses().that().resideInAnyPackage(CORES)
      .should().dependOnClassesThat().resideInAnyPackage(ADAPTER_LIBRARIES)
      .orShould().dependOnClassesThat().belongToAnyOf(Topics.class, Topic.class, AvroSerde.class)
      .because("pure cores must run without Kafka, git or a network (DESIGN.md, Modules)");

  static final ArchRule coresDoNotLog = noClasses().that().resideInAnyPackage(CORES)
      .should().dependOnClassesThat().resideInAnyPackage("org.slf4j..", "ch.qos.logback..")
      .because("cores return values; logging happens at the edges (DESIGN.md, convention 9)");

  static final ArchRule viewsImportNoKafkaGitOrHttp = noClasses().that().resideInAnyPackage(VIEWS)
      .should().dependOnClassesThat().resideInAnyPackage(ADAPTER_LIBRARIES)
      .because("report views are pure functions of a Report");

  static final ArchRule modulesDoNotReachIntoTheApp = noClasses().that().resideOutsideOfPackage("dev.foresight.app..")
      .should().dependOnClassesThat().resideInAPackage("dev.foresight.app..")
      .because("the app wires the modules, never the other way round");

  static final ArchRule rendererDoesNotKnowTheDiffer = noClasses().that().resideInAPackage("dev.foresight.renderer..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.foresight.differ..", "dev.foresight.publisher..",
          "dev.foresight.ingest..")
      .because("stages talk only through the records on their topics");

  static final ArchRule differDoesNotKnowOtherStages = noClasses().that().resideInAPackage("dev.foresight.differ..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.foresight.renderer..", "dev.foresight.publisher..",
          "dev.foresight.ingest..")
      .because("stages talk only through the records on their topics");

  @Test
  void coresImportNoKafkaGitOrHttp() {
    coresImportNoKafkaGitOrHttp.check(CLASSES);
  }

  @Test
  void coresDoNotLog() {
    coresDoNotLog.check(CLASSES);
  }

  @Test
  void viewsImportNoKafkaGitOrHttp() {
    viewsImportNoKafkaGitOrHttp.check(CLASSES);
  }

  @Test
  void modulesDoNotReachIntoTheApp() {
    modulesDoNotReachIntoTheApp.check(CLASSES);
  }

  @Test
  void rendererDoesNotKnowTheDiffer() {
    rendererDoesNotKnowTheDiffer.check(CLASSES);
  }

  @Test
  void differDoesNotKnowOtherStages() {
    differDoesNotKnowOtherStages.check(CLASSES);
  }
}
