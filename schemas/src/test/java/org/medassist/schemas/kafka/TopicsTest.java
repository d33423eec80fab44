package org.medassist.schemas.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.medassist.events.Claim;
import org.medassist.events.YearClose;

/** The typed topics are the documentation's topic table, and every input type has exactly one route. */
class TopicsTest {
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
        return p;
    }

    @Test
    void architectureDocumentCarriesTheGeneratedTopicTable() throws IOException {
        String doc = Files.readString(repoRoot().resolve("docs/architecture.md"), StandardCharsets.UTF_8);
        assertTrue(doc.contains(Topics.markdownTable()),
                "docs/architecture.md's topic table differs from Topics.markdownTable(); paste this in:\n" + Topics.markdownTable());
    }

    @Test
    void topicNamesAreDistinctAndPersonTopicsShareThePartitionCount() {
        Set<String> names = new HashSet<>();
        for (Topic<?> t : Topics.all()) {
            assertTrue(names.add(t.name()), "two topics named " + t.name());
            assertEquals(t.personKeyed() ? 12 : 1, t.partitions(12), t.name());
        }
    }

    @Test
    void everyInputTypeHasOneRouteNamedAsInTheContract() {
        Set<String> types = new HashSet<>();
        for (EventRoute<?> r : EventRoutes.inputs()) {
            Schema schema = SpecificData.get().getSchema(r.recordType());
            assertEquals(schema.getProp("jsonType"), r.type(), "route type of " + r.recordType().getSimpleName());
            assertTrue(types.add(r.type()));
            assertTrue(r.topic().valueType().isAssignableFrom(r.recordType()), r.type() + " fits its topic");
        }
        assertEquals(6, types.size());
    }

    @Test
    void aYearCloseGoesToEveryPartitionAndAClaimToOneKeyedByPerson() {
        YearClose y = YearClose.newBuilder().setRegion("nanjing").setYear(2023).build();
        List<ProducerRecord<String, SpecificRecord>> closes = EventRoutes.YEAR_CLOSE.records(y, 4);
        assertEquals(List.of(0, 1, 2, 3), closes.stream().map(ProducerRecord::partition).toList());
        assertEquals("nanjing|2023", closes.get(0).key());
        Claim c = new Claim();
        c.setPersonId("P-1");
        List<ProducerRecord<String, SpecificRecord>> claim = EventRoutes.CLAIM.records(c, 4);
        assertEquals(1, claim.size());
        assertEquals("P-1", claim.get(0).key());
        assertEquals(Topics.HOSPITAL_EVENTS.name(), claim.get(0).topic());
        assertEquals(EventRoutes.CLAIM, EventRoutes.of(c).orElseThrow());
    }
}
