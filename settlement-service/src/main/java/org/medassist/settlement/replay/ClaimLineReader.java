package org.medassist.settlement.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.CareLocation;
import org.medassist.engine.model.HospitalGrade;
import org.medassist.engine.model.MedicalClaim;
import org.medassist.engine.model.Vocabulary;
import org.medassist.engine.money.Money;
import org.medassist.schemas.PersonIds;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.json.EventRules;
import org.medassist.settlement.avro.AvroMapping;

/**
 * The fast path for the commonest line of a replay file, a valid claim: one pass of a streaming parser straight to
 * the engine's {@link MedicalClaim}, with no tree, no Avro record and no mapping. It accepts only what it understands
 * whole — a claim whose every field is one the contract names, of the expected JSON type, passing every rule of
 * {@link EventJson} and {@link EventRules} — and returns null for anything else (another type, an unknown or null
 * field, a breach of any rule, malformed JSON), which the caller then reads with {@link EventJson}: validation and
 * messages stay the codec's. For every line it accepts, the claim equals {@link AvroMapping#claim} of
 * {@link EventJson#read} ({@code ClaimLineReaderTest}).
 */
final class ClaimLineReader {
    /** Duplicate names are caught below, field by field: the parser need not keep a set of names per object. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final java.util.List<String> FIELDS = java.util.List.of("type", "claimId", "personId", "region",
            "hospitalId", "hospitalLevel", "kind", "admissionDate", "dischargeDate", "location", "referred", "hardship",
            "diseaseGroup", "specialDiseaseRegistered", "amounts");
    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 2999;

    /** Texts that repeat from claim to claim (regions, hospitals, symbols), kept once instead of once per claim. */
    private final Interner interner = new Interner(1 << 13, false);
    /** PersonIds, kept once per person (the ledgers hold one per person anyway): grows with the persons, not the file. */
    private final Interner personIds = new Interner(1 << 12, true);
    /** Dates of 2000–2049 by day, built once: a replay holds two dates per claim for its whole run. */
    private final LocalDate[] dates = new LocalDate[(int) (LocalDate.of(2050, 1, 1).toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay())];
    private static final long FIRST_CACHED_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

    /** The claim on this line, or null when the line is not a claim this path accepts whole. */
    MedicalClaim read(String line) {
        try (JsonParser p = FACTORY.createParser(line)) {
            return claim(p);
        } catch (IOException | RuntimeException e) {
            return null; // the codec reads it again and says what is wrong
        }
    }

    private MedicalClaim claim(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return null;
        boolean isClaim = false;
        String claimId = null, personId = null, region = null, hospitalId = null, diseaseGroup = null;
        HospitalGrade level = null;
        CareKind kind = null;
        CareLocation location = null;
        LocalDate admission = null, discharge = null;
        boolean referred = false, hardship = false, registered = false, amounts = false;
        long total = 0, outOfScope = 0, policyScope = 0, basic = 0, critical = 0, other = 0;
        JsonToken t;
        int fields = 0; // one bit per field seen: a name twice goes to the codec, which refuses it
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int index = FIELDS.indexOf(name);
            if (index < 0) return null; // a field the contract does not name: the codec decides
            int bit = 1 << index;
            if ((fields & bit) != 0) return null;
            fields |= bit;
            JsonToken v = p.nextToken();
            switch (name) {
                case "type" -> {
                    if (v != JsonToken.VALUE_STRING || !"claim".equals(interner.text(p))) return null;
                    isClaim = true;
                }
                case "claimId" -> { if ((claimId = text(p, v)) == null) return null; }
                case "personId" -> {
                    if (v != JsonToken.VALUE_STRING || (personId = personIds.text(p)).isEmpty()) return null;
                }
                case "region" -> { if ((region = interned(p, v)) == null) return null; }
                case "hospitalId" -> { if ((hospitalId = interned(p, v)) == null) return null; }
                case "hospitalLevel" -> { if ((level = grade(p, v)) == null) return null; }
                case "kind" -> { if ((kind = kind(p, v)) == null) return null; }
                case "admissionDate" -> {
                    if (v != JsonToken.VALUE_NULL && (admission = date(p, v)) == null) return null;
                }
                case "dischargeDate" -> { if ((discharge = date(p, v)) == null) return null; }
                case "location" -> { if ((location = location(p, v)) == null) return null; }
                case "referred" -> {
                    if (!v.isBoolean()) return null;
                    referred = v == JsonToken.VALUE_TRUE;
                }
                case "hardship" -> {
                    if (!v.isBoolean()) return null;
                    hardship = v == JsonToken.VALUE_TRUE;
                }
                case "specialDiseaseRegistered" -> {
                    if (!v.isBoolean()) return null;
                    registered = v == JsonToken.VALUE_TRUE;
                }
                case "diseaseGroup" -> {
                    if (v != JsonToken.VALUE_NULL) {
                        if (v != JsonToken.VALUE_STRING) return null;
                        diseaseGroup = interner.text(p);
                        if (!Vocabulary.DISEASE_GROUPS.contains(diseaseGroup)) return null;
                    }
                }
                case "amounts" -> {
                    if (v != JsonToken.START_OBJECT) return null;
                    int seen = 0;
                    int count = 0;
                    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        long fen = money(p, p.nextToken());
                        if (fen < 0) return null;
                        switch (field) {
                            case "total" -> { total = fen; seen |= 1; }
                            case "outOfScope" -> { outOfScope = fen; seen |= 2; }
                            case "policyScope" -> { policyScope = fen; seen |= 4; }
                            case "basicInsurance" -> { basic = fen; seen |= 8; }
                            case "criticalIllness" -> { critical = fen; seen |= 16; }
                            case "otherInsurance" -> { other = fen; seen |= 32; }
                            default -> { return null; }
                        }
                        if (Integer.bitCount(seen) != ++count) return null; // a name twice
                    }
                    if (t != JsonToken.END_OBJECT || seen != 63) return null;
                    amounts = true;
                }
                default -> { return null; } // a field the contract does not name: the codec decides
            }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null) return null;
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
        return new MedicalClaim(claimId, personId, region, hospitalId, level, kind, admission, discharge, location, referred,
                hardship, diseaseGroup, registered, total, outOfScope, policyScope, basic, critical, other);
    }

    /** The format {@link PersonIds} holds, checked without a regular expression; the codec words any refusal. */
    static boolean validPersonId(String id) {
        int n = id.length();
        if (n < 1 || n > PersonIds.MAX_LENGTH) return false;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (c != '-' || i == 0 || i == n - 1)) return false;
        }
        return true;
    }

    /** A required string: non-empty text, else null. */
    private static String text(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) return null;
        String s = p.getText();
        return s.isEmpty() ? null : s;
    }

    /** A required string that repeats (region, hospital): non-empty text, kept once; else null. */
    private String interned(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) return null;
        String s = interner.text(p);
        return s.isEmpty() ? null : s;
    }

    private HospitalGrade grade(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) return null;
        String s = interner.text(p);
        for (HospitalGrade g : HospitalGrade.values()) if (g.symbol().equals(s)) return g;
        return null;
    }

    private CareKind kind(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) return null;
        String s = interner.text(p);
        for (CareKind k : CareKind.values()) if (k.symbol().equals(s)) return k;
        return null;
    }

    private CareLocation location(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) return null;
        String s = interner.text(p);
        for (CareLocation l : CareLocation.values()) if (l.symbol().equals(s)) return l;
        return null;
    }

    /** YYYY-MM-DD with ASCII digits naming a real day, as the codec's pattern and ISO_LOCAL_DATE accept; else null. */
    private LocalDate date(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) return null;
        char[] s = p.getTextCharacters();
        int o = p.getTextOffset();
        if (p.getTextLength() != 10 || s[o + 4] != '-' || s[o + 7] != '-') return null;
        int y = digits(s, o, o + 4), m = digits(s, o + 5, o + 7), d = digits(s, o + 8, o + 10);
        if (y < 0 || m < 0 || d < 0) return null;
        if (y >= 2000 && y < 2050 && m >= 1 && m <= 12 && d >= 1 && d <= 28) {
            int i = (int) (epochDay(y, m, d) - FIRST_CACHED_DAY);
            LocalDate cached = dates[i];
            return cached != null ? cached : (dates[i] = LocalDate.of(y, m, d));
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Epoch day of a date whose day of month is at most 28 (valid in every month). */
    private static long epochDay(int y, int m, int d) {
        long total = 365L * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400 + (367L * m - 362) / 12 + d - 1;
        if (m > 2) total -= java.time.Year.isLeap(y) ? 1 : 2;
        return total - 719_528L;
    }

    private static int digits(char[] s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s[i];
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** An input amount: a yuan string, not negative, within range; -1 otherwise. */
    private long money(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) return -1;
        long fen;
        try {
            fen = Money.parseYuan(p.getText());
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return fen < 0 || fen > Money.MAX_FEN ? -1 : fen;
    }

    /** A table of texts seen before, found by their characters without building a String. */
    static final class Interner {
        private String[] table;
        private int count;
        private final boolean grows;

        /** {@code size} slots (a power of two); a table that does not grow stops keeping texts when half full. */
        Interner(int size, boolean grows) {
            this.table = new String[size];
            this.grows = grows;
        }

        String text(JsonParser p) throws IOException {
            char[] buf = p.getTextCharacters();
            int off = p.getTextOffset();
            int len = p.getTextLength();
            int h = 0;
            for (int i = 0; i < len; i++) h = 31 * h + buf[off + i];
            String[] t = table;
            int mask = t.length - 1;
            int slot = (h ^ (h >>> 16)) & mask;
            while (true) {
                String s = t[slot];
                if (s == null) break;
                if (s.length() == len && same(s, buf, off, len)) return s;
                slot = (slot + 1) & mask;
            }
            String made = new String(buf, off, len);
            if (count < t.length / 2) {
                t[slot] = made;
                if (++count == t.length / 2 && grows) grow();
            }
            return made;
        }

        private void grow() {
            String[] old = table;
            String[] t = new String[old.length * 2];
            int mask = t.length - 1;
            for (String s : old) {
                if (s == null) continue;
                int h = s.hashCode();
                int slot = (h ^ (h >>> 16)) & mask;
                while (t[slot] != null) slot = (slot + 1) & mask;
                t[slot] = s;
            }
            table = t;
        }

        private static boolean same(String s, char[] buf, int off, int len) {
            for (int i = 0; i < len; i++) if (s.charAt(i) != buf[off + i]) return false;
            return true;
        }
    }
}
