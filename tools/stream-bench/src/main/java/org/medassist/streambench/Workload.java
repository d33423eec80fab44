package org.medassist.streambench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.events.Claim;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.PersonEligibility;
import org.medassist.schemas.kafka.Topics;
import org.medassist.simulator.SimulationConfig;
import org.medassist.simulator.StreamEvent;
import org.medassist.simulator.SyntheticStream;

/**
 * The benchmark's load, from the simulator (tools/simulator), serialized once through the registry:
 *
 * <ul>
 *   <li>the parameters, and each person's identity timeline as eligibility-service would publish it (every identity
 *       record of the person, loaded before any claim);</li>
 *   <li>the claims in stream order (each person's in time order); reversals, applications and year closes are left
 *       out, so every input of the timed phases is a claim;</li>
 *   <li>for HTTP ingestion, the claims of another population (another seed) as JSON, by hospital.</li>
 * </ul>
 */
final class Workload {
    /** One claim, ready to produce: its key, its Avro bytes, its id. */
    record ClaimRecord(String personId, String claimId, byte[] value) {}

    /** A claim for HTTP: its JSON, its hospital, region and claimId. */
    record JsonClaim(String hospitalId, String region, String claimId, String json) {}

    final List<Map.Entry<String, byte[]>> parameters = new ArrayList<>();
    final List<Map.Entry<String, byte[]>> timelines = new ArrayList<>();
    final List<ClaimRecord> claims = new ArrayList<>();
    final List<JsonClaim> httpClaims = new ArrayList<>();
    int persons;
    int identityEvents;

    static Workload build(PolicyCatalog catalog, long seed, int persons, long claimsWanted, int perPerson, int httpClaimsWanted,
                          Serializer<SpecificRecord> serializer, PrintStream log) {
        Workload w = new Workload();
        SimulationConfig config = SimulationConfig.of(seed, persons, 1).withInvalidShare(0);
        SyntheticStream stream = new SyntheticStream(catalog, config);
        Map<String, List<IdentityEvent>> identities = new LinkedHashMap<>();
        Map<String, Integer> claimsOf = new HashMap<>();
        long t0 = System.nanoTime();
        long last = t0;
        try (SyntheticStream.Events it = stream.iterator(2)) {
            while (it.hasNext()) {
                StreamEvent e = it.next();
                switch (e.type()) {
                    case "identity" -> {
                        IdentityEvent i = (IdentityEvent) e.record();
                        identities.computeIfAbsent(i.getPersonId(), k -> new ArrayList<>()).add(i);
                        w.identityEvents++;
                    }
                    case "parameter" -> {
                        Parameter p = (Parameter) e.record();
                        w.parameters.add(Map.entry(p.getRegion() + "|" + p.getYear() + "|" + p.getName(),
                                serializer.serialize(Topics.POLICY_PARAMETERS.name(), p)));
                    }
                    case "claim" -> {
                        if (claimsWanted > 0 && w.claims.size() >= claimsWanted) break;
                        Claim c = (Claim) e.record();
                        if (perPerson > 0 && claimsOf.merge(c.getPersonId(), 1, Integer::sum) > perPerson) break;
                        w.claims.add(new ClaimRecord(c.getPersonId(), c.getClaimId(),
                                serializer.serialize(Topics.HOSPITAL_EVENTS.name(), c)));
                    }
                    default -> { }
                }
                long now = System.nanoTime();
                if (now - last > 2_000_000_000L) {
                    log.printf("  simulating … %3.0f%% · %,d claims · %,d persons with identities%n", it.done() * 100,
                            w.claims.size(), identities.size());
                    last = now;
                }
            }
        }
        for (Map.Entry<String, List<IdentityEvent>> e : identities.entrySet()) {
            PersonEligibility t = PersonEligibility.newBuilder().setPersonId(e.getKey()).setEvents(e.getValue()).build();
            w.timelines.add(Map.entry(e.getKey(), serializer.serialize(Topics.PERSON_ELIGIBILITY.name(), t)));
        }
        java.util.Set<String> people = new java.util.HashSet<>(identities.keySet());
        for (ClaimRecord c : w.claims) people.add(c.personId());
        w.persons = people.size();
        if (httpClaimsWanted > 0) {
            // another population: about four claims a person, so a fifth of the claims wanted in persons is plenty
            int httpPersons = Math.max(100, httpClaimsWanted / 3);
            SyntheticStream other = new SyntheticStream(catalog, SimulationConfig.of(seed + 1, httpPersons, 1).withInvalidShare(0));
            try (SyntheticStream.Events it = other.iterator(2)) {
                while (it.hasNext() && w.httpClaims.size() < httpClaimsWanted) {
                    StreamEvent e = it.next();
                    if (!e.type().equals("claim")) continue;
                    Claim c = (Claim) e.record();
                    w.httpClaims.add(new JsonClaim(c.getHospitalId(), c.getRegion(), c.getClaimId(), e.json()));
                }
            }
        }
        log.printf("  simulated in %.1f s: %,d persons, %,d identity records in %,d timelines, %,d parameters, %,d claims"
                        + " (+ %,d for HTTP)%n", (System.nanoTime() - t0) / 1e9, w.persons, w.identityEvents, w.timelines.size(),
                w.parameters.size(), w.claims.size(), w.httpClaims.size());
        return w;
    }

    /** The HTTP claims by hospital, in order. */
    Map<String, List<JsonClaim>> httpByHospital() {
        Map<String, List<JsonClaim>> m = new HashMap<>();
        for (JsonClaim c : httpClaims) m.computeIfAbsent(c.hospitalId(), k -> new ArrayList<>()).add(c);
        return m;
    }
}
