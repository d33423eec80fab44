package org.medassist.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine is pure Java (settlement-engine/README.md): it decides amounts from its inputs and nothing else. These
 * rules fail the build when an engine class reaches for Kafka, Micronaut, Avro, the contract module, the network
 * or the file system; only policy loading (and the policy documentation generated from the files) may read files and use Jackson.
 */
class ArchitectureTest {
    /** Reading policy files and writing their documentation: the only packages that touch files and Jackson. */
    private static final String[] POLICY_FILES = {"org.medassist.engine.policy.load..", "org.medassist.engine.policy.doc.."};
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.medassist.engine");
    }

    @Test
    void engineClassesUseOnlyTheJdkCoreAndThemselves() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(POLICY_FILES)
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "org.medassist.engine..", "java.lang..", "java.util..", "java.time..", "java.math..")
                .because("the engine is a pure function of its inputs; only policy loading reads files");
        rule.check(engine);
    }

    @Test
    void policyLoadingUsesOnlyJacksonAndTheJdk() {
        ArchRule rule = noClasses().that().resideInAnyPackage(POLICY_FILES)
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "org.medassist.engine..", "java.lang..", "java.util..", "java.time..", "java.math..",
                        "java.io..", "java.nio..", "java.net..", "com.fasterxml.jackson..")
                .because("policy files are YAML read with Jackson; nothing else leaves the JDK");
        rule.check(engine);
    }

    @Test
    void noKafkaMicronautOrContractClassesAnywhere() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.apache.kafka..", "io.micronaut..", "org.apache.avro..", "io.apicurio..", "org.medassist.events..",
                "org.medassist.schemas..", "org.medassist.kit..", "org.medassist.settlement..", "org.medassist.eligibility..");
        rule.check(engine);
    }

    @Test
    void enginePackagesHaveNoCycles() {
        slices().matching("org.medassist.engine.(*)..").should().beFreeOfCycles().check(engine);
    }
}
