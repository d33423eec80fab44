package org.medassist.settlement.replay;

import java.time.LocalDate;
import java.util.List;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.model.HospitalGrade;
import org.medassist.engine.model.Vocabulary;
import org.medassist.events.Amounts;
import org.medassist.events.Claim;
import org.medassist.events.ClaimKind;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.HospitalLevel;
import org.medassist.events.Location;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.json.EventRules;

/**
 * The fast path for the commonest line of a replay file, a valid claim: one pass over the line's characters straight
 * to its Avro {@link Claim}, with no parser objects and no JSON tree; the record is then routed like any other
 * ({@code EventRouter.route}: limits, ownership, the engine). It accepts only what it understands whole — a JSON
 * object (RFC 8259; strings without escapes) whose every field is one the contract names for a claim, once, of the
 * expected JSON type, passing every rule of {@link EventJson} and {@link EventRules} — and returns null for anything
 * else (another type, an unknown, repeated or null field, an escape, a breach of any rule, malformed JSON), which the
 * caller then reads with {@link EventJson}: validation and messages stay the codec's. For every line it accepts, the
 * record equals {@link EventJson#read}'s ({@code ClaimLineReaderTest}).
 */
final class ClaimLineReader extends JsonLineReader<Claim> {
    private static final char[][] FIELDS = chars(List.of("type", "claimId", "personId", "region", "hospitalId",
            "hospitalLevel", "kind", "admissionDate", "dischargeDate", "location", "referred", "hardship", "diseaseGroup",
            "specialDiseaseRegistered", "amounts"));
    private static final char[][] AMOUNTS = chars(List.of("total", "outOfScope", "policyScope", "basicInsurance",
            "criticalIllness", "otherInsurance"));
    private static final char[] CLAIM = "claim".toCharArray();
    // the engine's enums and their contract symbols, in the same order, as char arrays to match in place
    private static final HospitalGrade[] GRADES = HospitalGrade.values();
    private static final char[][] GRADE_SYMBOLS = chars(java.util.Arrays.stream(GRADES).map(HospitalGrade::symbol).toList());
    private static final CareKind[] CARE_KINDS = CareKind.values();
    private static final char[][] KIND_SYMBOLS = chars(java.util.Arrays.stream(CARE_KINDS).map(CareKind::symbol).toList());
    private static final CareLocation[] CARE_LOCATIONS = CareLocation.values();
    private static final char[][] LOCATION_SYMBOLS = chars(java.util.Arrays.stream(CARE_LOCATIONS).map(CareLocation::symbol).toList());
    /** The contract's disease groups ({@link Vocabulary#DISEASE_GROUPS}) and their Avro symbols (null: left to the codec). */
    private static final char[][] DISEASE_SYMBOLS = chars(Vocabulary.DISEASE_GROUPS);
    private static final DiseaseGroup[] DISEASE_GROUPS = Vocabulary.DISEASE_GROUPS.stream().map(ClaimLineReader::diseaseGroup)
            .toArray(DiseaseGroup[]::new);

    private static DiseaseGroup diseaseGroup(String symbol) {
        try {
            return DiseaseGroup.valueOf(symbol);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    Claim event() {
        if (!ws('{')) return null;
        boolean isClaim = false;
        String claimId = null, personId = null, region = null, hospitalId = null;
        DiseaseGroup diseaseGroup = null;
        HospitalGrade level = null;
        CareKind kind = null;
        CareLocation location = null;
        LocalDate admission = null, discharge = null;
        boolean referred = false, hardship = false, registered = false, amounts = false;
        long total = 0, outOfScope = 0, policyScope = 0, basic = 0, critical = 0, other = 0;
        int seen = 0;
        int field = -1;
        if (!at('}')) {
            do {
                if ((field = member(FIELDS, field, seen)) < 0) return null;
                seen |= 1 << field;
                switch (field) {
                    case 0 -> { if (!string() || !text(CLAIM)) return null; isClaim = true; }
                    case 1 -> { if ((claimId = ownText()) == null) return null; }
                    case 2 -> { if ((personId = personIdText()) == null) return null; }
                    case 3 -> { if ((region = keptText()) == null) return null; }
                    case 4 -> { if ((hospitalId = keptText()) == null) return null; }
                    case 5 -> { if (!string() || (level = symbol(GRADE_SYMBOLS, GRADES)) == null) return null; }
                    case 6 -> { if (!string() || (kind = symbol(KIND_SYMBOLS, CARE_KINDS)) == null) return null; }
                    case 7 -> { if (!literal("null") && (!string() || (admission = date()) == null)) return null; }
                    case 8 -> { if (!string() || (discharge = date()) == null) return null; }
                    case 9 -> { if (!string() || (location = symbol(LOCATION_SYMBOLS, CARE_LOCATIONS)) == null) return null; }
                    case 10 -> { int b = bool(); if (b < 0) return null; referred = b == 1; }
                    case 11 -> { int b = bool(); if (b < 0) return null; hardship = b == 1; }
                    case 12 -> {
                        if (!literal("null")) {
                            if (!string() || (diseaseGroup = symbol(DISEASE_SYMBOLS, DISEASE_GROUPS)) == null) return null;
                        }
                    }
                    case 13 -> { int b = bool(); if (b < 0) return null; registered = b == 1; }
                    case 14 -> {
                        if (!ws('{')) return null;
                        int got = 0;
                        int a = -1;
                        if (!at('}')) {
                            do {
                                if ((a = member(AMOUNTS, a, got)) < 0) return null;
                                got |= 1 << a;
                                if (!string()) return null;
                                long fen = money();
                                if (fen < 0) return null;
                                switch (a) {
                                    case 0 -> total = fen;
                                    case 1 -> outOfScope = fen;
                                    case 2 -> policyScope = fen;
                                    case 3 -> basic = fen;
                                    case 4 -> critical = fen;
                                    default -> other = fen;
                                }
                            } while (ws(','));
                        }
                        if (!ws('}') || got != 63) return null;
                        amounts = true;
                    }
                    default -> { return null; }
                }
            } while (ws(','));
        }
        if (!ws('}')) return null;
        skipWs();
        if (i != end) return null; // trailing content
        if (!isClaim || claimId == null || personId == null || region == null || hospitalId == null || level == null
                || kind == null || discharge == null || location == null || !amounts) {
            return null;
        }
        // EventRules: the personId format, and the rules across the claim's fields
        if (!validPersonId(personId)) return null;
        if (total != policyScope + outOfScope) return null;
        if (basic > policyScope || critical > policyScope || other > policyScope) return null;
        if (basic + critical + other > policyScope) return null;
        if (kind == CareKind.INPATIENT && admission == null) return null;
        if (admission != null && admission.isAfter(discharge)) return null;
        if (kind == CareKind.OUTPATIENT_MAJOR && diseaseGroup == null) return null;
        if (discharge.getYear() < MIN_YEAR || discharge.getYear() > MAX_YEAR) return null;
        Amounts a = new Amounts();
        a.setTotal(total);
        a.setOutOfScope(outOfScope);
        a.setPolicyScope(policyScope);
        a.setBasicInsurance(basic);
        a.setCriticalIllness(critical);
        a.setOtherInsurance(other);
        Claim c = new Claim();
        c.setClaimId(claimId);
        c.setPersonId(personId);
        c.setRegion(region);
        c.setHospitalId(hospitalId);
        c.setHospitalLevel(LEVELS[level.ordinal()]);
        c.setKind(KINDS[kind.ordinal()]);
        c.setAdmissionDate(admission);
        c.setDischargeDate(discharge);
        c.setLocation(LOCATIONS[location.ordinal()]);
        c.setReferred(referred);
        c.setHardship(hardship);
        c.setDiseaseGroup(diseaseGroup);
        c.setSpecialDiseaseRegistered(registered);
        c.setAmounts(a);
        return c;
    }

    // the contract's enums in the order of the engine's (the symbols are the same: VocabularyMatchesContractTest)
    private static final HospitalLevel[] LEVELS = {HospitalLevel.primary, HospitalLevel.secondary, HospitalLevel.tertiary};
    private static final ClaimKind[] KINDS = {ClaimKind.outpatient, ClaimKind.outpatient_chronic, ClaimKind.outpatient_major,
            ClaimKind.inpatient};
    private static final Location[] LOCATIONS = {Location.in_city, Location.in_province, Location.out_of_province};
}
