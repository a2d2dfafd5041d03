package org.stellaops.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps {@code engine} plain Java: no Spring, no Flink, no JDBC (STYLE.md, habit 1). */
class ArchitectureTest {

  private static JavaClasses engine;

  @BeforeAll
  static void importEngine() {
    engine = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.stellaops.engine");
  }

  @Test
  void engineClassesAreImported() {
    // Guards against a rule passing vacuously because nothing was imported.
    assertThat(engine.contain("org.stellaops.engine.match.AdvisoryMatcher"))
        .as("engine main classes on the test class path")
        .isTrue();
  }

  @Test
  void engineDoesNotDependOnSpring() {
    forbid("org.springframework..", "Spring").check(engine);
  }

  @Test
  void engineDoesNotDependOnFlink() {
    forbid("org.apache.flink..", "Flink").check(engine);
  }

  @Test
  void engineDoesNotDependOnJdbc() {
    forbid("java.sql..", "JDBC").check(engine);
    forbid("javax.sql..", "JDBC").check(engine);
  }

  @Test
  void theRuleRejectsAClassThatUsesJdbc() {
    JavaClasses offender = new ClassFileImporter().importClasses(UsesJdbc.class);

    assertThatThrownBy(() -> forbid("java.sql..", "JDBC").check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("engine is plain Java shared by the batch jobs and the Flink job, so it must not use JDBC")
        .hasMessageContaining(UsesJdbc.class.getName())
        .hasMessageContaining("java.sql.Connection");
  }

  private static ArchRule forbid(String packagePattern, String what) {
    return noClasses().that().resideInAPackage("org.stellaops.engine..")
        .should().dependOnClassesThat().resideInAPackage(packagePattern)
        .because("engine is plain Java shared by the batch jobs and the Flink job, so it must not use " + what);
  }

  /** A class breaking the rule, to show the rule is not vacuous; it lives in test code only. */
  static final class UsesJdbc {
    java.sql.Connection connection;
  }
}
