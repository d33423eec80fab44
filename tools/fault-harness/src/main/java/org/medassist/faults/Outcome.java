package org.medassist.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.medassist.engine.money.Money;
import org.medassist.events.Settlement;

/**
 * One settlement event reduced to what the verdict compares (money in fen; no explanation lines).
 *
 * @param item the thing it settles ({@link #item}): a claim, an application, a year-end item, or a rejection
 */
record Outcome(String settlementId, String item, String personId, int year, String status, String claimId,
               String hospitalId, String reference, String reason, long assistance, long tilt, long localFinanceRelief,
               long hospitalBorne) {

    static Outcome of(Settlement s) {
        return new Outcome(s.getSettlementId(), item(s.getStatus().name(), s.getClaimId(), s.getHospitalId(), s.getReference(),
                s.getSettlementId()), s.getPersonId(), s.getYear(), s.getStatus().name(), s.getClaimId(), s.getHospitalId(),
                s.getReference(), s.getReason(), s.getAssistance(), s.getTilt(), s.getOtherPayers().getLocalFinanceRelief(),
                s.getOtherPayers().getHospitalBorne());
    }

    /** A settlement line of {@code bin/settle replay} (docs/contract.md, "settlement"). */
    static Outcome ofJson(JsonNode s) {
        String status = s.path("status").asText();
        String claimId = text(s, "claimId");
        String hospitalId = text(s, "hospitalId");
        String reference = text(s, "reference");
        String settlementId = s.path("settlementId").asText();
        JsonNode other = s.path("otherPayers");
        return new Outcome(settlementId, item(status, claimId, hospitalId, reference, settlementId), s.path("personId").asText(),
                s.path("year").asInt(), status, claimId, hospitalId, reference, text(s, "reason"), fen(s.get("assistance")),
                fen(s.get("tilt")), fen(other.get("localFinanceRelief")), fen(other.get("hospitalBorne")));
    }

    /**
     * What a settlement event settles, the unit the verdict counts statuses and sums money over:
     * {@code claim <hospitalId>/<claimId>} (a claim is identified by both), {@code item <settlementId without /n>} for
     * an application or a year-end item, and for a rejection {@link #rejectionItem}.
     */
    static String item(String status, String claimId, String hospitalId, String reference, String settlementId) {
        if (status.equals("rejected")) {
            return claimId != null ? "rejected claim " + claimId : "rejected " + reference;
        }
        if (claimId != null) return "claim " + (hospitalId == null ? "?" : hospitalId) + "/" + claimId;
        int slash = settlementId.lastIndexOf('/');
        return "item " + (slash > 0 ? settlementId.substring(0, slash) : settlementId);
    }

    /**
     * The item of the rejection that answers an input breaking the contract: a claim's carries its claimId; any other
     * input's carries the reference {@code <type>:<id>} (docs/contract.md, "What a rejection refers to").
     */
    static String rejectionItem(String type, String id) {
        return type.equals("claim") ? "rejected claim " + id : "rejected " + type + ":" + (id == null ? "?" : id);
    }

    String personYear() { return personId + "/" + year; }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long fen(JsonNode yuan) {
        return yuan == null || yuan.isNull() ? 0 : Money.parseYuan(yuan.asText());
    }
}
