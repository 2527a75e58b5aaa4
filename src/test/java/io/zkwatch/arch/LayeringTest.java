package io.zkwatch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The data flows one way: collectors know nothing of the daemon that uses them. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zkwatch");

    @Test
    void collectorsNeverDependOnTheDaemon() {
        noClasses().that().resideInAPackage("io.zkwatch.collectors..")
                .should().dependOnClassesThat().resideInAPackage("io.zkwatch.daemon..")
                .because("collectors/ is a library the daemon uses, never the reverse")
                .check(MAIN);
    }

    @Test
    void collectorsDoNotUseTheHttpServerOrMetricsLibraries() {
        noClasses().that().resideInAPackage("io.zkwatch.collectors..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "io.prometheus..", "io.micrometer..")
                .because("collectors only fetch and parse; exporting is the daemon's job")
                .check(MAIN);
    }

    @Test
    void theImportSeesBothSourceRoots() {
        // Guards the rules above against passing vacuously on an empty import.
        org.junit.jupiter.api.Assertions.assertTrue(MAIN.containPackage("io.zkwatch.collectors"));
        org.junit.jupiter.api.Assertions.assertTrue(MAIN.containPackage("io.zkwatch.daemon"));
    }
}
