package org.medassist.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.medassist.engine.money.Money;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.Department;
import org.medassist.events.IdentityType;
import org.medassist.schemas.Departments;
import org.medassist.schemas.json.EventJson;

/**
 * Makes the contract breaches ({@link Breach}) that follow a share of the valid events: each is made from the event
 * it follows (a claim with its amounts broken, an identity from the wrong department, ...), sent by the same sender
 * on the same day, and named by an id of its own. Breaches draw from their own random numbers, so the valid events
 * are the same whatever the share of breaches.
 */
final class Breaches {
    private Breaches() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The breaches that can follow an event of each type. */
    private static final List<Breach> AFTER_CLAIM = of("claim");
    private static final List<Breach> AFTER_IDENTITY = of("identity");
    private static final List<Breach> AFTER_APPLICATION = of("application");

    private static List<Breach> of(String type) {
        List<Breach> l = new ArrayList<>();
        for (Breach b : Breach.values()) if (b.from().equals(type)) l.add(b);
        return List.copyOf(l);
    }

    /**
     * Adds, after each of {@code valid} with probability {@code share}, a breach made from it.
     *
     * @param rnd the breaches' own random numbers
     */
    static void follow(List<Draft> valid, double share, Random rnd, List<Draft> out) {
        if (share <= 0) return;
        int n = 0;
        for (Draft d : valid) {
            if (rnd.nextDouble() >= share) continue;
            List<Breach> kinds = switch (d.type()) {
                case "claim" -> AFTER_CLAIM;
                case "identity" -> AFTER_IDENTITY;
                case "application" -> AFTER_APPLICATION;
                default -> List.of();
            };
            if (kinds.isEmpty()) continue;
            Breach b = kinds.get(rnd.nextInt(kinds.size()));
            out.add(make(b, d, ++n));
        }
    }

    /** Breach {@code b} made from {@code d}; {@code n} numbers the breaches of a person-year ({@code -X<n>}). */
    static Draft make(Breach b, Draft d, int n) {
        String mark = "-X" + n;
        int step = d.step() + 1_000;
        switch (b) {
            case CLAIM_CHANGED_RESEND: {
                Claim c = (Claim) EventJson.read(d.json());
                Claim changed = Care.withAmounts(c, c.getClaimId(), Care.rescale(c.getAmounts(), 1.1));
                return breach(Draft.of(d.date(), d.rank(), d.city(), d.person(), step, d.principal(), changed), b);
            }
            case REVERSAL_OF_UNKNOWN_CLAIM: {
                Claim c = (Claim) EventJson.read(d.json());
                String claimId = c.getClaimId() + mark;
                ClaimReversal r = new ClaimReversal(claimId + "-R", claimId, c.getPersonId(), c.getRegion(), "duplicate billing", c.getHospitalId());
                return breach(Draft.of(d.date(), d.rank(), d.city(), d.person(), step, d.principal(), r), b);
            }
            default:
                break;
        }
        ObjectNode e = parse(d.json());
        Principal sender = d.principal();
        String idField = switch (b.type()) {
            case "claim" -> "claimId";
            case "identity" -> "eventId";
            case "application" -> "applicationId";
            default -> throw new IllegalStateException(b.toString());
        };
        String id = e.get(idField).textValue() + mark;
        e.put(idField, id);
        ObjectNode amounts = e.has("amounts") ? (ObjectNode) e.get("amounts") : null;
        switch (b) {
            case CLAIM_TOTAL_MISMATCH:
                amounts.put("total", Money.format(fen(amounts, "total") + 100));
                break;
            case CLAIM_NEGATIVE_SELF_PAY:
                amounts.put("basicInsurance", amounts.get("policyScope").textValue());
                amounts.put("criticalIllness", Money.format(Math.max(100, fen(amounts, "criticalIllness"))));
                break;
            case CLAIM_NEGATIVE_AMOUNT:
                amounts.put("otherInsurance", "-" + Money.format(100 + fen(amounts, "otherInsurance")));
                break;
            case CLAIM_WITHOUT_ADMISSION:
                e.put("kind", "inpatient");
                e.putNull("admissionDate");
                break;
            case CLAIM_WITHOUT_DISEASE_GROUP:
                e.put("kind", "outpatient_major");
                e.putNull("admissionDate");
                e.putNull("diseaseGroup");
                break;
            case CLAIM_IMPOSSIBLE_DATE:
                e.put("dischargeDate", d.date().getYear() + "-02-30");
                e.putNull("admissionDate");
                break;
            case CLAIM_UNKNOWN_KIND:
                e.put("kind", "emergency");
                break;
            case IDENTITY_WRONG_DEPARTMENT: {
                IdentityType identity = IdentityType.valueOf(e.get("identity").textValue());
                Department right = Departments.certifierOf(identity);
                Department wrong = Department.values()[(right.ordinal() + 1) % Department.values().length];
                e.put("department", wrong.name());
                sender = Principal.department(wrong);
                break;
            }
            case IDENTITY_DISABILITY_WITHOUT_GRADE:
                e.put("identity", IdentityType.severe_disability.name());
                e.put("department", Department.disabled_persons_federation.name());
                e.put("action", "grant");
                e.putObject("attributes");
                sender = Principal.department(Department.disabled_persons_federation);
                break;
            case APPLICATION_RATE_ABOVE_ONE:
                e.put("kind", "one_time");
                ((ObjectNode) e.get("decision")).put("rate", "1.20");
                break;
            default:
                throw new IllegalStateException(b.toString());
        }
        return new Draft(d.date(), d.rank(), d.city(), d.person(), step, sender, b.type(), id, write(e), b);
    }

    /** A well-formed event marked as the breach it is. */
    private static Draft breach(Draft v, Breach b) {
        return new Draft(v.date(), v.rank(), v.city(), v.person(), v.step(), v.principal(), v.type(), v.id(), v.utf8(), b,
                v.slot(), v.senderHash());
    }

    private static long fen(ObjectNode amounts, String field) {
        return Money.parseYuan(amounts.get(field).textValue());
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the generator wrote invalid JSON: " + json, e);
        }
    }

    private static String write(ObjectNode e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
