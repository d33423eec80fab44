package org.medassist.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.medassist.events.Amounts;
import org.medassist.events.Claim;
import org.medassist.events.ClaimKind;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.HospitalLevel;
import org.medassist.events.Location;

class EventClassesTest {

    @Test
    void generatedRecordsRoundTripThroughAvroBinaryOnceTrusted() throws Exception {
        EventClasses.trust();
        EventClasses.trust(); // idempotent
        Claim claim = Claim.newBuilder()
                .setClaimId("C-1").setPersonId("P-1").setRegion("jiyuan").setHospitalId("H1")
                .setHospitalLevel(HospitalLevel.primary).setKind(ClaimKind.outpatient_major)
                .setDischargeDate(LocalDate.of(2023, 3, 1)).setLocation(Location.in_city)
                .setDiseaseGroup(DiseaseGroup.hemophilia)
                .setAmounts(new Amounts(100L, 0L, 100L, 50L, 0L, 0L))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(Claim.class).write(claim, encoder);
        encoder.flush();
        Claim back = new SpecificDatumReader<>(Claim.class).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertEquals(claim, back);
    }

    @Test
    void everyEventSchemaIsInThePackageAndNamesItsJsonType() {
        assertEquals(8, EventClasses.schemas().size());
        for (var s : EventClasses.schemas()) {
            assertEquals(EventClasses.PACKAGE, s.getNamespace());
            assertNotNull(s.getProp("jsonType"), s.getName());
        }
        assertEquals(List.of("identity", "claim", "claim_reversal", "application", "parameter", "year_close", "settlement", "alert"),
                EventClasses.schemas().stream().map(s -> s.getProp("jsonType")).toList());
    }
}
