package org.medassist.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.engine.model.Vocabulary;
import org.medassist.events.DisabilityKind;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.IdentityType;
import org.medassist.events.VeteranGroup;

/** The engine checks policy files against its copy of the contract's vocabularies: it must equal the Avro enums. */
class VocabularyMatchesContractTest {
    private static List<String> names(Enum<?>[] values) { return Arrays.stream(values).map(Enum::name).toList(); }

    @Test
    void engineVocabularyIsTheContracts() {
        assertEquals(names(IdentityType.values()), Vocabulary.IDENTITIES);
        assertEquals(names(DiseaseGroup.values()), Vocabulary.DISEASE_GROUPS);
        assertEquals(names(DisabilityKind.values()), Vocabulary.DISABILITY_KINDS);
        assertEquals(names(VeteranGroup.values()), Vocabulary.VETERAN_GROUPS);
    }
}
