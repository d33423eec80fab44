package org.medassist.settlement.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.DeadLetter;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentitySpell;
import org.medassist.events.OwnershipRequest;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.events.YearClose;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.kafka.ContractSubjects;
import org.medassist.schemas.kafka.Topics;
import org.medassist.settlement.fuzz.Accounting.Outcome;

/**
 * Records produced straight to the input topics, past HTTP (docs/architecture.md: "Records written straight to Kafka
 * get the contract's validation in the processor"): random bytes, truncated Avro, the wire format's header with
 * schema ids the registry does not have, valid records under the wrong key or none, records of another type than the
 * topic carries, tombstones, readable records that break the contract, and valid records. Each says how the
 * services must answer it: a dead letter (unreadable, misaddressed, misplaced; on identity-events also a contract
 * breach, docs/eligibility-service.md), a rejected settlement (a readable settlement input that breaks the contract),
 * or its normal answer.
 */
final class RecordFuzz {
    /** One record; several for a year close, which goes to every partition (docs/contract.md, keys). */
    static final class Rec {
        final String topic;
        final Integer partition;
        final byte[] key;
        final byte[] value;

        Rec(String topic, Integer partition, byte[] key, byte[] value) {
            this.topic = topic;
            this.partition = partition;
            this.key = key;
            this.value = value;
        }
    }

    static final class Case {
        final String topic;
        final String mutation;
        final Set<Outcome> allowed;
        final List<Rec> records = new ArrayList<>();
        /** Settlement markers (Accounting#marker) that answer it; and for identity events, the fold's marker. */
        final List<String> markers = new ArrayList<>();
        /** A valid application: when nothing answers it, it must be in its person-year's ledger. */
        Application application;

        Case(String topic, String mutation, Set<Outcome> allowed) {
            this.topic = topic;
            this.mutation = mutation;
            this.allowed = allowed;
        }
    }

    static final List<String> TOPICS = List.of(Topics.IDENTITY_EVENTS.name(), Topics.HOSPITAL_EVENTS.name(),
            Topics.APPLICATIONS.name(), Topics.YEAR_CLOSES.name(), Topics.POLICY_PARAMETERS.name(),
            Topics.PERSON_ELIGIBILITY.name());

    static final Set<Outcome> DEAD = EnumSet.of(Outcome.DEAD_LETTER);
    static final Set<Outcome> REJECTED = EnumSet.of(Outcome.REJECTED);

    private final Random rnd;
    private final ValidEvents valid;
    private final Serializer<SpecificRecord> avro;
    private final Serializer<Object> generic;
    private final int partitions;
    /** Years no valid parameter has (ValidEvents draws 2022–2024), one per breach that must have its own key. */
    private int uniqueParameterYear = 2100;
    /** The keys of the out-of-range-year parameter breaches sent so far (few regions, names and two years). */
    private final java.util.Set<String> parameterBreachKeys = new java.util.HashSet<>();
    private final List<Claim> claimsSent = new ArrayList<>();

    /**
     * @param avro      the services' own value serializer (the registry, the Confluent wire format)
     * @param generic   the same for records of schemas the contract does not have
     */
    RecordFuzz(Random rnd, ValidEvents valid, Serializer<SpecificRecord> avro, Serializer<Object> generic, int partitions) {
        this.rnd = rnd;
        this.valid = valid;
        this.avro = avro;
        this.generic = generic;
        this.partitions = partitions;
    }

    Case next(String topic) {
        int r = rnd.nextInt(100);
        if (r < 4) return oversized(topic);
        if (r < 12) return random(topic);
        if (r < 22) return header(topic);
        if (r < 30) return truncated(topic);
        if (r < 38) return keyless(topic);
        if (r < 50) return wrongKey(topic);
        if (r < 60) return wrongType(topic);
        if (r < 66) return tombstone(topic);
        if (r < 82) return breach(topic);
        return valid(topic);
    }

    /**
     * Edge cases that were once defects (BadInputFuzzTest's class comment), one of each, sent in every run: each makes
     * the run fail should its defect come back.
     */
    List<Case> edgeCases() {
        List<Case> out = new ArrayList<>();
        {
            // as large as a record may be (max.request.size, 1 MiB, less the record's own overhead): its dead letter,
            // which carries the value and a reason, is larger, and still fits the dead-letters topic (2 MiB)
            byte[] mb = new byte[(1 << 20) - 200];
            rnd.nextBytes(mb);
            out.add(single(new Case(Topics.HOSPITAL_EVENTS.name(), "edge case: a record of 1 MiB less 200 bytes", DEAD),
                    valid.person().getBytes(StandardCharsets.UTF_8), mb));
        }
        {
            // sent to one partition only: that partition's task refuses it, though the refusal names no person
            String region = "zz-" + valid.id("R").toLowerCase(java.util.Locale.ROOT);
            Case lone = new Case(Topics.YEAR_CLOSES.name(), "edge case: a year close of an unknown region on partition 1 only", REJECTED);
            lone.markers.add(Accounting.marker("ref:year_close:" + region + ":2023", "", region));
            lone.records.add(new Rec(Topics.YEAR_CLOSES.name(), 1, (region + "|2023").getBytes(StandardCharsets.UTF_8),
                    avro.serialize(Topics.YEAR_CLOSES.name(), new YearClose(region, 2023))));
            out.add(lone);
        }
        {
            String p = Topics.POLICY_PARAMETERS.name();
            out.add(single(new Case(p, "edge case: a tombstone", DEAD), unique(null), null));
            Parameter wrongKey = (Parameter) EventJson.read(valid.parameter().toString());
            out.add(single(new Case(p, "edge case: a valid parameter under another key", DEAD), unique(null), avro.serialize(p, wrongKey)));
            Parameter negative = (Parameter) EventJson.read(valid.parameter().toString());
            negative.setValue(-100);
            // a year no other parameter of the run has: the table keeps a key's latest record only, so a later valid
            // value under the same key could replace this one before the stream reads it, and it would get no answer
            negative.setYear(uniqueParameterYear++);
            Case c = new Case(p, "edge case: a negative value", REJECTED);
            c.markers.add(Accounting.marker("ref:parameter:" + negative.getRegion() + ":" + negative.getYear() + ":" + negative.getName(), "",
                    negative.getRegion()));
            out.add(single(c, (negative.getRegion() + "|" + negative.getYear() + "|" + negative.getName()).getBytes(StandardCharsets.UTF_8),
                    avro.serialize(p, negative)));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ unreadable

    private Case random(String topic) {
        byte[] v = new byte[rnd.nextInt(300)];
        rnd.nextBytes(v);
        if (v.length > 0 && rnd.nextBoolean()) v[0] = 0; // the magic byte, then a schema id that is almost surely unknown
        Case c = new Case(topic, v.length + " random bytes", DEAD);
        return single(c, keyFor(topic, null), v);
    }

    private Case header(String topic) {
        SpecificRecord rec = validRecord(topic);
        byte[] v = avro.serialize(topic, rec);
        int id;
        String what;
        switch (rnd.nextInt(5)) {
            case 0 -> { id = 0; what = "schema id 0"; }
            case 1 -> { id = -1; what = "schema id -1"; }
            case 2 -> { id = Integer.MAX_VALUE; what = "schema id 2^31-1"; }
            case 3 -> {
                // a known id and a string length of 2^30: nothing may allocate on the record's word
                id = ByteBuffer.wrap(v, 1, 4).getInt();
                byte[] huge = new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 'x', 'y'};
                byte[] out = new byte[5 + huge.length];
                System.arraycopy(v, 0, out, 0, 5);
                System.arraycopy(huge, 0, out, 5, huge.length);
                return single(new Case(topic, "a known schema id, then a string of 2^30 bytes in 7", DEAD), keyFor(topic, rec), out);
            }
            default -> { id = 100_000 + rnd.nextInt(1_000_000_000); what = "unknown schema id"; }
        }
        ByteBuffer.wrap(v, 1, 4).putInt(id);
        return single(new Case(topic, what + ", a valid body", DEAD), keyFor(topic, rec), v);
    }

    private Case truncated(String topic) {
        SpecificRecord rec = validRecord(topic);
        byte[] v = avro.serialize(topic, rec);
        int keep = rnd.nextInt(v.length);
        byte[] cut = java.util.Arrays.copyOf(v, keep);
        return single(new Case(topic, "Avro cut to " + keep + " of " + v.length + " bytes", DEAD), keyFor(topic, rec), cut);
    }

    /**
     * Records near Kafka's size limit (docs/contract.md: a text field has at most 1,000 characters). A readable one is
     * refused with a reason that names its id by the first characters only, so that the answer fits where the input
     * did. An unreadable one is a dead letter carrying the raw bytes (see {@link #edgeCases} for one whose letter does
     * not fit).
     */
    private Case oversized(String topic) {
        if (rnd.nextBoolean()) {
            // a megabyte of bytes: its dead letter, the bytes and a reason, still fits a record
            byte[] v = new byte[1_000_000];
            rnd.nextBytes(v);
            return single(new Case(topic, "a megabyte of random bytes", DEAD), keyFor(topic, null), v);
        }
        // unique in its first 64 characters, which is what a refusal repeats (docs/contract.md)
        String big = valid.id("L") + "L".repeat((topic.equals("year-closes") ? 400_000 : 600_000) + rnd.nextInt(100_000));
        String shown = org.medassist.schemas.json.EventRules.shown(big);
        switch (topic) {
            case "identity-events" -> {
                IdentityEvent e = (IdentityEvent) EventJson.read(valid.identity(valid.person()).toString());
                e.setEventId(big);
                return single(new Case(topic, "an eventId of " + big.length() + " characters", DEAD), e.getPersonId().getBytes(StandardCharsets.UTF_8),
                        avro.serialize(topic, e));
            }
            case "hospital-events" -> {
                Claim claim = (Claim) EventJson.read(valid.claim(valid.person(), "H01").toString());
                claim.setClaimId(big);
                Case c = new Case(topic, "a claimId of " + big.length() + " characters", REJECTED);
                c.markers.add(Accounting.marker("claim:" + shown, claim.getPersonId(), claim.getRegion()));
                return single(c, claim.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, claim));
            }
            case "applications" -> {
                Application a = (Application) EventJson.read(valid.application(valid.person()).toString());
                a.setApplicationId(big);
                Case c = new Case(topic, "an applicationId of " + big.length() + " characters", REJECTED);
                c.markers.add(Accounting.marker("ref:application:" + shown, a.getPersonId(), a.getRegion()));
                return single(c, a.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, a));
            }
            case "year-closes" -> {
                YearClose y = new YearClose(big, 2023);
                Case c = new Case(topic, "a region of " + big.length() + " characters", REJECTED);
                c.markers.add(Accounting.marker("ref:year_close:" + shown + ":2023", "", shown));
                return copies(c, (big + "|2023").getBytes(StandardCharsets.UTF_8), avro.serialize(topic, y));
            }
            default -> {
                return random(topic);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ misaddressed

    private Case keyless(String topic) {
        if (Topics.POLICY_PARAMETERS.name().equals(topic) || Topics.PERSON_ELIGIBILITY.name().equals(topic)) {
            return wrongKey(topic); // compacted: the broker takes no record without a key
        }
        SpecificRecord rec = validRecord(topic);
        Case c = new Case(topic, "a valid " + rec.getSchema().getName() + " without a key", DEAD);
        if (topic.equals(Topics.YEAR_CLOSES.name())) return copies(c, null, avro.serialize(topic, rec));
        return single(c, null, avro.serialize(topic, rec));
    }

    private Case wrongKey(String topic) {
        SpecificRecord rec = validRecord(topic);
        String right = new String(keyFor(topic, rec), StandardCharsets.UTF_8);
        boolean personKeyed = !topic.equals(Topics.YEAR_CLOSES.name()) && !topic.equals(Topics.POLICY_PARAMETERS.name());
        if (personKeyed && rnd.nextInt(6) == 0) {
            // its own key, on another partition than Kafka's default partitioner gives it (a librdkafka client's
            // default): read there, it would open a second ledger of the person
            byte[] own = keyFor(topic, rec);
            int elsewhere = (org.medassist.kit.streams.PersonPartitions.of(own, partitions) + 1 + rnd.nextInt(partitions - 1)) % partitions;
            Case c = new Case(topic, "a valid " + rec.getSchema().getName() + " under its own key on another partition", DEAD);
            c.records.add(new Rec(topic, elsewhere, own, avro.serialize(topic, rec)));
            return c;
        }
        byte[] key;
        String what;
        switch (rnd.nextInt(5)) {
            case 0 -> { key = right.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8); what = "lower case"; }
            case 1 -> { key = (right + " ").getBytes(StandardCharsets.UTF_8); what = "a trailing space"; }
            case 2 -> { key = new byte[] {(byte) 0xc3, 0x28, (byte) 0xff}; what = "invalid UTF-8"; }
            case 3 -> { key = new byte[0]; what = "empty"; }
            default -> { key = valid.person().getBytes(StandardCharsets.UTF_8); what = "another person"; }
        }
        if (java.util.Arrays.equals(key, keyFor(topic, rec))) {
            key = (right + "+x").getBytes(StandardCharsets.UTF_8);
            what += " (or suffixed)";
        }
        Case c = new Case(topic, "a valid " + rec.getSchema().getName() + " keyed " + what, DEAD);
        if (topic.equals(Topics.YEAR_CLOSES.name())) return copies(c, key, avro.serialize(topic, rec));
        return single(c, key, avro.serialize(topic, rec));
    }

    private Case wrongType(String topic) {
        if (rnd.nextInt(6) == 0) {
            return single(new Case(topic, "a record of a schema the contract does not have", DEAD), keyFor(topic, null), foreign(topic));
        }
        SpecificRecord rec;
        do {
            rec = anyRecord();
        } while (belongs(topic, rec));
        byte[] key = keyOf(rec);
        if (key == null) key = keyFor(topic, null);
        // registered under the record's own subject, as on Streams' internal topics: under <topic>-value the
        // registry's BACKWARD rule refuses another record type (docs/schema-registry.md); the bytes name its schema id
        return single(new Case(topic, "a " + rec.getSchema().getName() + " under its own key", DEAD), key,
                avro.serialize(ContractSubjects.INTERNAL_TOPIC, rec));
    }

    private Case tombstone(String topic) {
        Case c = new Case(topic, "a tombstone", DEAD);
        if (topic.equals(Topics.YEAR_CLOSES.name())) return copies(c, keyFor(topic, null), null);
        return single(c, keyFor(topic, null), null);
    }

    // ------------------------------------------------------------------------------------------ readable, wrong

    /** A record that reads but breaks the contract: rejected on the settlement's inputs, a dead letter on identity-events. */
    private Case breach(String topic) {
        switch (topic) {
            case "identity-events" -> {
                IdentityEvent e = (IdentityEvent) EventJson.read(valid.identity(valid.person()).toString());
                String what;
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        e.setDepartment(e.getDepartment() == org.medassist.events.Department.trade_union
                                ? org.medassist.events.Department.civil_affairs : org.medassist.events.Department.trade_union);
                        what = "an identity its department does not certify";
                    }
                    case 1 -> {
                        e.setPersonId(e.getPersonId().toLowerCase(java.util.Locale.ROOT));
                        what = "a lower-case personId, keyed by it";
                    }
                    case 2 -> {
                        e.setEventId("");
                        what = "an empty eventId";
                    }
                    default -> {
                        e.setEffectiveDate(LocalDate.ofEpochDay(rnd.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE));
                        what = "an effectiveDate of year " + e.getEffectiveDate().getYear();
                    }
                }
                return single(new Case(topic, what, DEAD), e.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, e));
            }
            case "hospital-events" -> {
                if (rnd.nextInt(4) == 0) {
                    ClaimReversal r = (ClaimReversal) EventJson.read(valid.reversal(null).toString());
                    String what;
                    if (rnd.nextBoolean()) {
                        r.setReversalId("");
                        what = "a reversal with an empty reversalId";
                    } else {
                        r.setClaimId("");
                        what = "a reversal with an empty claimId";
                    }
                    Case c = new Case(topic, what, REJECTED);
                    c.markers.add(Accounting.marker("ref:claim_reversal:" + r.getReversalId(), r.getPersonId(), r.getRegion()));
                    return single(c, r.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, r));
                }
                Claim claim = (Claim) EventJson.read(valid.claim(valid.person(), "H01").toString());
                String what = breakClaim(claim);
                if (what.startsWith("personId")) {
                    return single(new Case(topic, what, DEAD), claim.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, claim));
                }
                Case c = new Case(topic, what, REJECTED);
                c.markers.add(Accounting.marker("claim:" + claim.getClaimId(), claim.getPersonId(), claim.getRegion()));
                return single(c, claim.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, claim));
            }
            case "applications" -> {
                Application a = (Application) EventJson.read(valid.application(valid.person()).toString());
                String what;
                switch (rnd.nextInt(4)) {
                    case 0 -> { a.getDecision().setRate(valid.pick(new String[] {"abc", "1.5", "0", "-0.1", "", "0.6500001", "0.65000000"})); what = "rate \"" + a.getDecision().getRate() + "\""; }
                    case 1 -> { a.setYear(valid.pick(new Integer[] {1899, 3000, Integer.MIN_VALUE})); what = "year " + a.getYear(); }
                    case 2 -> { a.getDecision().setDeductible(-1L - rnd.nextInt(1000)); what = "a negative deductible"; }
                    default -> { a.setApplicationId(""); what = "an empty applicationId"; }
                }
                Case c = new Case(topic, what, REJECTED);
                c.markers.add(Accounting.marker("ref:application:" + a.getApplicationId(), a.getPersonId(), a.getRegion()));
                return single(c, a.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, a));
            }
            case "year-closes" -> {
                // a region of its own, so that its rejections (one per copy, each by its partition's task) are this case's
                String region = "zz-" + valid.id("R").toLowerCase(java.util.Locale.ROOT);
                boolean badYear = rnd.nextBoolean();
                YearClose y = new YearClose(region, badYear ? valid.pick(new Integer[] {1899, 3000, -1}) : 2023);
                Case c = new Case(topic, badYear ? "year " + y.getYear() : "a region without a policy", REJECTED);
                c.markers.add(Accounting.marker("ref:year_close:" + region + ":" + y.getYear(), "", region));
                return copies(c, (region + "|" + y.getYear()).getBytes(StandardCharsets.UTF_8), avro.serialize(topic, y));
            }
            case "policy-parameters" -> {
                ObjectNode p = valid.parameter();
                Parameter param = (Parameter) EventJson.read(p.toString());
                String what;
                if (rnd.nextBoolean()) {
                    // a contract breach the parameters' reader checks as HTTP ingestion does (EventRules)
                    // each under a key of its own: a table answers a key's latest record only, and a later record
                    // under the same key may replace this one before the stream reads it
                    param.setYear(valid.pick(new Integer[] {1899, 3000}));
                    what = "year " + param.getYear();
                    if (rnd.nextBoolean() || !parameterBreachKeys.add(param.getRegion() + "|" + param.getYear() + "|" + param.getName())) {
                        param.setValue(-100L - rnd.nextInt(100_000));
                        param.setYear(uniqueParameterYear++);
                        what = "a negative value";
                    }
                } else if (rnd.nextBoolean()) {
                    param.setName("fuzz_" + valid.id("N").toLowerCase(java.util.Locale.ROOT));
                    what = "a name the region does not use";
                } else {
                    param.setRegion("zz-" + valid.id("R").toLowerCase(java.util.Locale.ROOT));
                    what = "a region without a policy";
                }
                Case c = new Case(topic, what, REJECTED);
                c.markers.add(Accounting.marker("ref:parameter:" + param.getRegion() + ":" + param.getYear() + ":" + param.getName(), "", param.getRegion()));
                return single(c, (param.getRegion() + "|" + param.getYear() + "|" + param.getName()).getBytes(StandardCharsets.UTF_8),
                        avro.serialize(topic, param));
            }
            default -> {
                // person-eligibility: a timeline under a personId outside the format, keyed by it
                PersonEligibility pe = eligibility(valid.person().toLowerCase(java.util.Locale.ROOT));
                return single(new Case(topic, "a timeline of a lower-case personId", DEAD), pe.getPersonId().getBytes(StandardCharsets.UTF_8),
                        avro.serialize(topic, pe));
            }
        }
    }

    private String breakClaim(Claim c) {
        var a = c.getAmounts();
        switch (rnd.nextInt(10)) {
            case 0 -> { a.setBasicInsurance(-1L - rnd.nextInt(1000)); return "a negative basicInsurance"; }
            case 1 -> { a.setTotal(a.getTotal() + 1); return "total is not policyScope + outOfScope"; }
            case 2 -> { a.setPolicyScope(org.medassist.engine.money.Money.MAX_FEN + 1); a.setTotal(a.getPolicyScope() + a.getOutOfScope()); return "policyScope above the largest amount"; }
            case 3 -> { c.setClaimId(""); return "an empty claimId"; }
            case 4 -> { c.setRegion(""); return "an empty region"; }
            case 5 -> { c.setDischargeDate(LocalDate.of(valid.pick(new Integer[] {1800, 3001}), 6, 1)); c.setAdmissionDate(null); c.setKind(org.medassist.events.ClaimKind.outpatient); return "dischargeDate in year " + c.getDischargeDate().getYear(); }
            case 6 -> { c.setKind(org.medassist.events.ClaimKind.inpatient); c.setAdmissionDate(null); return "an inpatient claim without admissionDate"; }
            case 7 -> { c.setAdmissionDate(c.getDischargeDate().plusDays(1)); return "admissionDate after dischargeDate"; }
            case 8 -> { c.setKind(org.medassist.events.ClaimKind.outpatient_major); c.setDiseaseGroup(null); return "outpatient_major without diseaseGroup"; }
            default -> {
                c.setPersonId(valid.pick(new String[] {c.getPersonId().toLowerCase(java.util.Locale.ROOT), c.getPersonId() + " ",
                        "\u0420" + c.getPersonId().substring(1), ""}));
                return "personId outside the format, keyed by it";
            }
        }
    }

    // ------------------------------------------------------------------------------------------ valid

    private Case valid(String topic) {
        switch (topic) {
            case "identity-events" -> {
                IdentityEvent e = (IdentityEvent) EventJson.read(valid.identity(valid.person()).toString());
                Case c = new Case(topic, "a valid identity event", EnumSet.of(Outcome.ANSWERED));
                c.markers.add(identityMarker(e));
                return single(c, e.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, e));
            }
            case "hospital-events" -> {
                if (!claimsSent.isEmpty() && rnd.nextInt(3) == 0) {
                    Claim claim = claimsSent.remove(rnd.nextInt(claimsSent.size()));
                    ClaimReversal r = new ClaimReversal(valid.id("R"), claim.getClaimId(), claim.getPersonId(), claim.getRegion(),
                            rnd.nextBoolean() ? "fuzz" : null, rnd.nextBoolean() ? claim.getHospitalId() : null);
                    Case c = new Case(topic, "a reversal of a claim sent before", EnumSet.of(Outcome.ANSWERED));
                    c.markers.add(Accounting.marker("ref:" + r.getReversalId(), r.getPersonId(), r.getRegion()));
                    return single(c, r.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, r));
                }
                if (rnd.nextInt(5) == 0) {
                    ClaimReversal r = (ClaimReversal) EventJson.read(valid.reversal(null).toString());
                    Case c = new Case(topic, "a reversal of a claim no one sent", REJECTED);
                    c.markers.add(Accounting.marker("ref:" + r.getReversalId(), r.getPersonId(), r.getRegion()));
                    return single(c, r.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, r));
                }
                Claim claim = (Claim) EventJson.read(valid.claim(valid.person(), valid.pick(new String[] {"H01", "H02", "H-TOPIC"})).toString());
                Case c = new Case(topic, "a valid claim", EnumSet.of(Outcome.ANSWERED));
                c.markers.add(Accounting.marker("claim:" + claim.getClaimId(), claim.getPersonId(), claim.getRegion()));
                claimsSent.add(claim);
                return single(c, claim.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, claim));
            }
            case "applications" -> {
                Application a = (Application) EventJson.read(valid.application(valid.person()).toString());
                // a valid application is paid, refused with a reason (no such assistance there), or waits for claims
                Case c = new Case(topic, "a valid application", EnumSet.of(Outcome.ANSWERED, Outcome.REJECTED, Outcome.SILENT));
                c.application = a;
                c.markers.add(Accounting.marker("ref:" + a.getApplicationId(), a.getPersonId(), a.getRegion()));
                return single(c, a.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, a));
            }
            case "year-closes" -> {
                YearClose y = (YearClose) EventJson.read(valid.yearClose().toString());
                Case c = new Case(topic, "a valid year close", EnumSet.of(Outcome.SILENT));
                return copies(c, (y.getRegion() + "|" + y.getYear()).getBytes(StandardCharsets.UTF_8), avro.serialize(topic, y));
            }
            case "policy-parameters" -> {
                Parameter p = (Parameter) EventJson.read(valid.parameter().toString());
                Case c = new Case(topic, "a valid parameter", EnumSet.of(Outcome.SILENT));
                return single(c, (p.getRegion() + "|" + p.getYear() + "|" + p.getName()).getBytes(StandardCharsets.UTF_8), avro.serialize(topic, p));
            }
            default -> {
                PersonEligibility pe = eligibility(valid.person());
                Case c = new Case(topic, "a valid timeline", EnumSet.of(Outcome.SILENT));
                return single(c, pe.getPersonId().getBytes(StandardCharsets.UTF_8), avro.serialize(topic, pe));
            }
        }
    }

    static String identityMarker(IdentityEvent e) {
        return Accounting.marker("identity:" + e.getDepartment() + "/" + e.getEventId(), e.getPersonId(), e.getRegion());
    }

    // ------------------------------------------------------------------------------------------ records

    /** A valid record of the type the topic carries. */
    SpecificRecord validRecord(String topic) {
        return switch (topic) {
            case "identity-events" -> EventJson.read(valid.identity(valid.person()).toString());
            case "hospital-events" -> EventJson.read((rnd.nextInt(4) == 0 ? valid.reversal(null) : valid.claim(valid.person(), "H01")).toString());
            case "applications" -> EventJson.read(valid.application(valid.person()).toString());
            case "year-closes" -> EventJson.read(valid.yearClose().toString());
            case "policy-parameters" -> EventJson.read(valid.parameter().toString());
            default -> eligibility(valid.person());
        };
    }

    /** A valid record of any type the system knows, inputs, outputs and internal ones. */
    private SpecificRecord anyRecord() {
        return switch (rnd.nextInt(10)) {
            case 0 -> EventJson.read(valid.identity(valid.person()).toString());
            case 1 -> EventJson.read(valid.claim(valid.person(), "H01").toString());
            case 2 -> EventJson.read(valid.reversal(null).toString());
            case 3 -> EventJson.read(valid.application(valid.person()).toString());
            case 4 -> EventJson.read(valid.yearClose().toString());
            case 5 -> EventJson.read(valid.parameter().toString());
            case 6 -> eligibility(valid.person());
            case 7 -> EventJson.read("{\"type\":\"settlement\",\"settlementId\":\"X/1\",\"claimId\":\"X\",\"personId\":\"" + valid.person()
                    + "\",\"region\":\"nanjing\",\"year\":2023,\"status\":\"settled\",\"tier\":null,\"identity\":null,"
                    + "\"eligible\":\"0.00\",\"assistance\":\"0.00\",\"tilt\":\"0.00\",\"remaining\":\"0.00\","
                    + "\"otherPayers\":{\"localFinanceRelief\":\"0.00\",\"hospitalBorne\":\"0.00\"},\"policy\":\"nanjing/x\","
                    + "\"explanation\":[],\"reference\":null,\"reason\":null,\"recoveryDue\":false,\"kpiFlags\":[]}");
            case 8 -> new OwnershipRequest("H01\u001fC1", valid.person(), "nanjing|2023", "q-1");
            default -> DeadLetter.newBuilder().setSourceTopic("hospital-events").setPartition(0).setOffset(1).setReason("fuzz")
                    .setService("fuzz").setFailedAt(Instant.EPOCH).build();
        };
    }

    PersonEligibility eligibility(String personId) {
        IdentityEvent e = (IdentityEvent) EventJson.read(valid.identity(valid.person()).toString());
        e.setPersonId(personId);
        return new PersonEligibility(personId, new ArrayList<>(List.of(e)), new ArrayList<>(List.of(new IdentitySpell(e.getRegion(),
                e.getIdentity().name(), e.getDepartment().name(), e.getEffectiveDate(), null))));
    }

    /** A record of a schema the contract does not have, through the registry. */
    private byte[] foreign(String topic) {
        Schema s = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Stranger\",\"namespace\":\"fuzz.other\",\"fields\":"
                + "[{\"name\":\"personId\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"long\"}]}");
        GenericData.Record r = new GenericData.Record(s);
        r.put("personId", valid.person());
        r.put("n", rnd.nextLong());
        return generic.serialize(topic, r);
    }

    private static boolean belongs(String topic, SpecificRecord rec) {
        return switch (topic) {
            case "identity-events" -> rec instanceof IdentityEvent;
            case "hospital-events" -> rec instanceof Claim || rec instanceof ClaimReversal;
            case "applications" -> rec instanceof Application;
            case "year-closes" -> rec instanceof YearClose;
            case "policy-parameters" -> rec instanceof Parameter;
            default -> rec instanceof PersonEligibility;
        };
    }

    /** The record's own key: its personId, region|year or region|year|name; null for records that name none. */
    static byte[] keyOf(SpecificRecord rec) {
        String k;
        if (rec instanceof YearClose y) k = y.getRegion() + "|" + y.getYear();
        else if (rec instanceof Parameter p) k = p.getRegion() + "|" + p.getYear() + "|" + p.getName();
        else if (rec.getSchema().getField("personId") != null) k = String.valueOf(rec.get(rec.getSchema().getField("personId").pos()));
        else return null;
        return k.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The key the topic's records carry; a fresh one when {@code rec} is null, and always on policy-parameters: a
     * table answers a key's latest record only, so a record that must be answered needs a key no later record has.
     */
    private byte[] keyFor(String topic, SpecificRecord rec) {
        if (rec != null && !topic.equals(Topics.POLICY_PARAMETERS.name())) return keyOf(rec);
        return switch (topic) {
            case "year-closes" -> (valid.region() + "|" + (2019 + rnd.nextInt(3))).getBytes(StandardCharsets.UTF_8);
            case "policy-parameters" -> unique(null);
            default -> valid.person().getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * A policy-parameters key no other record has: the table keeps one value per key, and a dead letter from it
     * carries no offset, so key and value are what tell the records apart.
     */
    private byte[] unique(byte[] key) {
        String base = key == null ? valid.region() + "|2023|fuzz" : new String(key, StandardCharsets.UTF_8);
        return (base + "#" + valid.id("K")).getBytes(StandardCharsets.UTF_8);
    }

    private Case single(Case c, byte[] key, byte[] value) {
        if (c.topic.equals(Topics.POLICY_PARAMETERS.name()) && c.allowed.equals(DEAD) && key != null
                && !new String(key, StandardCharsets.UTF_8).contains("#")) {
            key = unique(key);
        }
        c.records.add(new Rec(c.topic, null, key, value));
        return c;
    }

    /** A year close goes to every partition of year-closes (docs/contract.md); so do the fuzz's records there. */
    private Case copies(Case c, byte[] key, byte[] value) {
        for (int p = 0; p < partitions; p++) c.records.add(new Rec(c.topic, p, key, value));
        return c;
    }
}
