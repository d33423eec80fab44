package org.medassist.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.internals.SecurityUtils;
import org.junit.jupiter.api.Test;
import org.medassist.schemas.kafka.Topics;

/**
 * The ACL plan (docs/security.md "ACLs") where operators read it: deploy/production/acls.sh's ACL lines and
 * docs/security.md's table are {@link AccessPlan}'s. Rewrite both with
 * {@code ./mvnw -o -pl service-kit test -Dtest=AccessPlanTest -Dmedassist.acls.write=true}. SecuredKafkaTest (in
 * settlement-service) runs both services with exactly these ACLs.
 */
class AccessPlanTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aclsShHoldsThePlan() throws Exception {
        checkSection(ROOT.resolve("deploy/production/acls.sh"), "# BEGIN AccessPlan\n", "# END AccessPlan\n",
                AccessPlan.shellLines());
    }

    @Test
    void securityMdShowsThePlan() throws Exception {
        checkSection(ROOT.resolve("docs/security.md"), "<!-- BEGIN AccessPlan -->\n", "<!-- END AccessPlan -->\n",
                AccessPlan.markdownTable());
    }

    static void checkSection(Path file, String begin, String end, String expected) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertTrue(b >= 0 && e > b, file + " has no " + begin.trim() + " … " + end.trim() + " section");
        String actual = text.substring(b + begin.length(), e);
        if (!actual.equals(expected) && Boolean.getBoolean("medassist.acls.write")) {
            Files.writeString(file, text.substring(0, b + begin.length()) + expected + text.substring(e), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, actual, file + " is not AccessPlan's: run ./mvnw -o -pl service-kit test -Dtest=AccessPlanTest"
                + " -Dmedassist.acls.write=true");
    }

    @Test
    void kafkaAclsShReadsTheOperationsAsWritten() {
        for (String line : AccessPlan.shellLines().split("\n")) {
            if (!line.startsWith("allow ")) continue;
            String[] f = line.split(" ");
            AclOperation op = SecurityUtils.operation(f[2]);
            assertFalse(op == AclOperation.UNKNOWN || op == AclOperation.ANY, line);
            assertEquals(f[2], AccessPlan.cliName(op));
            assertFalse(PatternType.fromString(f[5]).isUnknown(), line);
        }
    }

    @Test
    void onlyTheOperatorReadsDeadLetters() {
        Set<String> readers = AccessPlan.bindings(AccessPlan.defaults()).stream()
                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                .filter(b -> b.pattern().name().equals(Topics.DEAD_LETTERS.name()))
                .filter(b -> b.entry().operation() == AclOperation.READ || b.entry().operation() == AclOperation.ALL)
                .map(b -> b.entry().principal()).collect(Collectors.toSet());
        assertEquals(Set.of("User:" + AccessPlan.OPERATOR_USER), readers);
    }

    @Test
    void noWildcardsNoClusterRightsNoDenies() {
        for (AclBinding b : AccessPlan.bindings(AccessPlan.defaults())) {
            assertFalse(b.pattern().name().equals("*") || b.pattern().resourceType() == ResourceType.CLUSTER, b.toString());
            assertFalse(b.entry().operation() == AclOperation.ALL || b.entry().operation() == AclOperation.ALTER
                    || b.entry().operation() == AclOperation.ALTER_CONFIGS, b.toString());
            assertEquals("*", b.entry().host());
        }
    }

    @Test
    void eachServiceWritesOnlyItsOwnInputsAndOutputs() {
        List<AccessPlan.Account> accounts = AccessPlan.defaults();
        assertEquals(List.of(Topics.IDENTITY_EVENTS, Topics.PERSON_ELIGIBILITY, Topics.DEAD_LETTERS,
                Topics.IDENTITY_OWNERSHIP_REQUESTS, Topics.IDENTITY_OWNERSHIP_ANSWERS), accounts.get(0).writes());
        assertEquals(List.of(Topics.HOSPITAL_EVENTS, Topics.APPLICATIONS, Topics.YEAR_CLOSES, Topics.POLICY_PARAMETERS,
                Topics.SETTLEMENTS, Topics.ALERTS, Topics.DEAD_LETTERS, Topics.CLAIM_OWNERSHIP_REQUESTS,
                Topics.CLAIM_OWNERSHIP_ANSWERS), accounts.get(1).writes());
        assertEquals(List.of(), accounts.get(2).writes());
        assertEquals(List.of("medassist-eligibility-", "eligibility-service-identity-ingest-"), accounts.get(0).transactionalIds());
        assertEquals(List.of("medassist-settlement-", "settlement-service-ingest-"), accounts.get(1).transactionalIds());
    }
}
