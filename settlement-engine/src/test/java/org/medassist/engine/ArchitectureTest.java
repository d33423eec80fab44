package org.medassist.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.medassist.engine.policy.Rates;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Money is long fen and rates are long parts per million (docs/engine.md; docs/decisions.md, E4): no engine field, parameter
     * or return value is floating point, no engine class touches Double, Float, BigDecimal or BigInteger, and none
     * calls a Math method on floating point. The one exception is {@link Rates}, which reads a policy's decimal rate
     * text ("0.65") into parts per million and writes it back as a percentage, exactly, with BigDecimal.
     */
    @Test
    void moneyAndRatesAreNeverFloatingPoint() {
        fields().should().notHaveRawType(double.class).andShould().notHaveRawType(float.class)
                .because("amounts are long fen and rates long ppm").check(engine);
        codeUnits().should(haveNoFloatingPointInTheirSignature()).check(engine);
        noClasses().that().doNotBelongToAnyOf(Rates.class)
                .should().dependOnClassesThat().belongToAnyOf(Double.class, Float.class, BigDecimal.class, BigInteger.class)
                .because("amounts are long fen; only rate text is read exactly with BigDecimal").check(engine);
        noClasses().should(callMathOnFloatingPoint()).check(engine);
    }

    private static boolean floating(JavaClass type) {
        String name = type.getName();
        return name.equals("double") || name.equals("float");
    }

    private static ArchCondition<JavaCodeUnit> haveNoFloatingPointInTheirSignature() {
        return new ArchCondition<>("have no float or double parameter or return type") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                boolean found = floating(unit.getRawReturnType())
                        || unit.getRawParameterTypes().stream().anyMatch(ArchitectureTest::floating);
                if (found) events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes or returns floating point"));
            }
        };
    }

    private static ArchCondition<JavaClass> callMathOnFloatingPoint() {
        return new ArchCondition<>("call a Math method on floating point") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                    String owner = call.getTargetOwner().getName();
                    if (!owner.equals("java.lang.Math") && !owner.equals("java.lang.StrictMath")) continue;
                    boolean fp = call.getTarget().getRawParameterTypes().stream().anyMatch(ArchitectureTest::floating)
                            || floating(call.getTarget().getRawReturnType());
                    events.add(new SimpleConditionEvent(call, fp, call.getDescription()));
                }
            }
        };
    }

    /**
     * What ArchUnit cannot see: floating point inside method bodies (a local {@code double}, {@code fen * 0.9}, a
     * conversion to or from {@code double} or {@code float}). The engine's compiled classes are disassembled with the
     * JDK's own {@code javap} and every instruction of floating point is a violation, named with its class.
     */
    @Test
    void noMethodBodyComputesInFloatingPoint() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        List<String> args = new ArrayList<>(List.of("-c", "-p"));
        try (var files = java.nio.file.Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).map(java.nio.file.Path::toString).sorted().forEach(args::add);
        }
        assertTrue(args.size() > 50, "the engine's classes in " + classes.toAbsolutePath());
        java.io.StringWriter out = new java.io.StringWriter();
        int rc = java.util.spi.ToolProvider.findFirst("javap").orElseThrow()
                .run(new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()), args.toArray(String[]::new));
        assertEquals(0, rc, "javap failed");
        List<String> found = new ArrayList<>();
        String current = "?";
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("Compiled from")) continue;
            if (!line.startsWith(" ") && (line.contains("class ") || line.contains("interface ") || line.contains("enum "))) current = line.trim();
            if (FLOATING.matcher(line).find()) found.add(current + ": " + line.trim());
        }
        assertEquals(List.of(), found, "floating point in the engine's method bodies: money is long fen, rates long ppm");
    }

    /** javap's instructions of floating point: arithmetic, loads and stores, conversions, and double or float constants. */
    private static final java.util.regex.Pattern FLOATING = java.util.regex.Pattern.compile(
            "^\\s+\\d+: (?:[df](?:add|sub|mul|div|rem|neg|cmpl|cmpg|load|load_\\d|store|store_\\d|const_\\d|return|aload|astore)"
                    + "|[ilfd]2[df]|[df]2[il])\\b|// (?:double|float) ");
}
