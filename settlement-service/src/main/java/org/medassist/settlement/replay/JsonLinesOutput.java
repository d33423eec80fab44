package org.medassist.settlement.replay;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.model.Explanation;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.money.Money;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.avro.AvroMapping;

/**
 * Writes engine output as contract JSON lines, straight from the engine's records as UTF-8 bytes
 * ({@link Utf8JsonBuffer}): the same bytes as {@code EventJson.write} of the Avro record encoded in UTF-8
 * ({@code JsonLinesOutputTest} holds them equal), without building the Avro record, reflecting over its schema, a
 * string per line or a {@code Writer}'s encoding pass. Explanation lines are rendered here, as they are written. A
 * record that breaks the contract (a required field null) goes through {@link EventJson} instead, which refuses it as
 * before.
 */
final class JsonLinesOutput implements EngineOutput {
    private final Utf8JsonBuffer g;
    private final char[] yuan = new char[24];
    private final char[] day = new char[10];

    JsonLinesOutput(OutputStream out) {
        this(out, 1 << 16);
    }

    /** With a buffer of {@code size} bytes (tests use small ones to cross refills). */
    JsonLinesOutput(OutputStream out, int size) {
        this.g = new Utf8JsonBuffer(out, size);
    }

    private static byte[] b(String ascii) { return ascii.getBytes(StandardCharsets.US_ASCII); }

    private static final byte[] SETTLEMENT = b("{\"type\":\"settlement\",\"settlementId\":");
    private static final byte[] CLAIM_ID = b(",\"claimId\":");
    private static final byte[] PERSON_ID = b(",\"personId\":");
    private static final byte[] REGION = b(",\"region\":");
    private static final byte[] YEAR = b(",\"year\":");
    private static final byte[] TIER = b(",\"tier\":");
    private static final byte[] IDENTITY = b(",\"identity\":");
    private static final byte[] ELIGIBLE = b(",\"eligible\":");
    private static final byte[] ASSISTANCE = b(",\"assistance\":");
    private static final byte[] TILT = b(",\"tilt\":");
    private static final byte[] REMAINING = b(",\"remaining\":");
    private static final byte[] OTHER_PAYERS = b(",\"otherPayers\":{\"localFinanceRelief\":");
    private static final byte[] HOSPITAL_BORNE = b(",\"hospitalBorne\":");
    private static final byte[] POLICY = b("},\"policy\":");
    private static final byte[] EXPLANATION = b(",\"explanation\":");
    private static final byte[] REFERENCE = b(",\"reference\":");
    private static final byte[] REASON = b(",\"reason\":");
    private static final byte[] RECOVERY_DUE = b(",\"recoveryDue\":");
    private static final byte[] KPI_FLAGS = b(",\"kpiFlags\":");
    private static final byte[] HOSPITAL_ID = b(",\"hospitalId\":");
    private static final byte[] CLAIM_CLASS = b(",\"claimClass\":");
    private static final byte[] CLAIM_DATE = b(",\"claimDate\":");
    private static final byte[] ALERT = b("{\"type\":\"alert\",\"alertId\":");
    private static final byte[] MONTH = b(",\"month\":");
    private static final byte[] RULE = b(",\"rule\":");
    private static final byte[] MEASURE = b(",\"measure\":");
    private static final byte[] VALUE = b(",\"value\":");
    private static final byte[] THRESHOLD = b(",\"threshold\":");
    private static final byte[] RECIPIENTS = b(",\"recipients\":");
    /** {@code ,"status":"<symbol>"} for each status, encoded once (symbol() builds a String on each call). */
    private static final byte[][] STATUS_SYMBOLS = java.util.Arrays.stream(ResultStatus.values())
            .map(st -> b(",\"status\":\"" + st.symbol() + "\"")).toArray(byte[][]::new);
    private static final byte[] NULL = b("null");
    private static final byte[] TRUE = b("true");
    private static final byte[] FALSE = b("false");
    private static final byte[] END = b("}\n");

    @Override
    public void settlement(SettlementResult s) {
        if (s.settlementId() == null || s.personId() == null || s.region() == null || s.status() == null
                || s.explanation() == null || s.kpiFlags() == null) {
            g.line(EventJson.write(AvroMapping.toAvro(s))); // throws as the contract's codec does
            return;
        }
        g.raw(SETTLEMENT);
        g.string(s.settlementId());
        nullable(CLAIM_ID, s.claimId());
        g.raw(PERSON_ID);
        g.string(s.personId());
        g.raw(REGION);
        g.string(s.region());
        g.raw(YEAR);
        g.number(s.year());
        g.raw(STATUS_SYMBOLS[s.status().ordinal()]);
        nullable(TIER, s.tier());
        nullable(IDENTITY, s.identity());
        money(ELIGIBLE, s.eligible());
        money(ASSISTANCE, s.assistance());
        money(TILT, s.tilt());
        money(REMAINING, s.remaining());
        money(OTHER_PAYERS, s.localFinanceRelief());
        money(HOSPITAL_BORNE, s.hospitalBorne());
        g.raw(POLICY);
        g.string(s.policy() == null ? "" : s.policy());
        explanation(s.explanation());
        nullable(REFERENCE, s.reference());
        nullable(REASON, s.reason());
        g.raw(RECOVERY_DUE);
        g.raw(s.recoveryDue() ? TRUE : FALSE);
        strings(KPI_FLAGS, s.kpiFlags());
        nullable(HOSPITAL_ID, s.hospitalId());
        nullable(CLAIM_CLASS, s.claimClass());
        g.raw(CLAIM_DATE);
        if (s.claimDate() == null) g.raw(NULL);
        else date(s.claimDate());
        g.raw(END);
    }

    /** A date as the codec writes it: ISO {@code YYYY-MM-DD}, from a reused buffer for the years 1000–9999. */
    private void date(LocalDate d) {
        int y = d.getYear();
        if (y < 1000 || y > 9999) {
            g.string(d.format(DateTimeFormatter.ISO_LOCAL_DATE));
            return;
        }
        int m = d.getMonthValue();
        int dd = d.getDayOfMonth();
        day[0] = (char) ('0' + y / 1000);
        day[1] = (char) ('0' + y / 100 % 10);
        day[2] = (char) ('0' + y / 10 % 10);
        day[3] = (char) ('0' + y % 10);
        day[4] = '-';
        day[5] = (char) ('0' + m / 10);
        day[6] = (char) ('0' + m % 10);
        day[7] = '-';
        day[8] = (char) ('0' + dd / 10);
        day[9] = (char) ('0' + dd % 10);
        g.raw('"');
        g.ascii(day, 0, 10);
        g.raw('"');
    }

    @Override
    public void alert(MonitoringAlert a) {
        if (a.alertId() == null || a.personId() == null || a.region() == null || a.month() == null || a.rule() == null
                || a.measure() == null || a.recipients() == null) {
            g.line(EventJson.write(AvroMapping.toAvro(a)));
            return;
        }
        g.raw(ALERT);
        g.string(a.alertId());
        g.raw(PERSON_ID);
        g.string(a.personId());
        g.raw(REGION);
        g.string(a.region());
        g.raw(YEAR);
        g.number(a.year());
        g.raw(MONTH);
        g.string(a.month());
        g.raw(RULE);
        g.string(a.rule());
        g.raw(MEASURE);
        g.string(a.measure());
        money(VALUE, a.value());
        money(THRESHOLD, a.threshold());
        strings(RECIPIENTS, a.recipients());
        nullable(CLAIM_ID, a.claimId());
        nullable(HOSPITAL_ID, a.hospitalId());
        g.raw(END);
    }

    /** Writes out what is buffered and flushes the stream below. */
    void flush() {
        g.flush();
    }

    private void nullable(byte[] name, String value) {
        g.raw(name);
        if (value == null) g.raw(NULL);
        else g.string(value);
    }

    private void strings(byte[] name, List<String> values) {
        g.raw(name);
        g.raw('[');
        for (int i = 0, n = values.size(); i < n; i++) {
            if (i > 0) g.raw(',');
            g.string(values.get(i));
        }
        g.raw(']');
    }

    /** Explanation lines rendered straight into the buffer when they were not read yet (no String per line). */
    private void explanation(List<String> lines) {
        if (!(lines instanceof Explanation e)) {
            strings(EXPLANATION, lines);
            return;
        }
        g.raw(EXPLANATION);
        g.raw('[');
        explanationLines.count = 0;
        e.renderTo(explanationLines);
        g.raw(']');
    }

    private final LineWriter explanationLines = new LineWriter();

    /**
     * Writes each rendered line as the next string of a JSON array. Constant texts (citations) are kept encoded, by
     * text, and copied: the characters before one are encoded first, so the bytes are those of the whole line encoded
     * at once (a text or line part that begins or ends with a surrogate is appended to the builder instead, so no pair
     * is split).
     */
    private final class LineWriter implements Explanation.Lines {
        private final StringBuilder b = new StringBuilder(256);
        /** At most this many texts are kept (the policies' citations are a few hundred); others are appended. */
        private static final int MAX_CONSTANTS = 4096;
        private final java.util.HashMap<String, byte[]> encoded = new java.util.HashMap<>();
        int count;

        @Override
        public StringBuilder begin() {
            if (count++ > 0) g.raw(',');
            g.raw('"');
            b.setLength(0);
            return b;
        }

        @Override
        public void end() {
            g.text(b);
            g.raw('"');
        }

        @Override
        public StringBuilder constant(StringBuilder sb, String text) {
            int n = text.length();
            int len = sb.length();
            if (sb != b || n == 0 || Character.isSurrogate(text.charAt(0)) || Character.isSurrogate(text.charAt(n - 1))
                    || (len > 0 && Character.isSurrogate(sb.charAt(len - 1)))) {
                return sb.append(text);
            }
            byte[] bytes = encoded.get(text);
            if (bytes == null) {
                if (encoded.size() >= MAX_CONSTANTS) return sb.append(text);
                encoded.put(text, bytes = Utf8JsonBuffer.encodedText(text));
            }
            g.text(b);
            b.setLength(0);
            g.raw(bytes);
            return b;
        }
    }

    /** Money as the contract's yuan string (Money.format), without a String per amount. */
    private void money(byte[] name, long fen) {
        g.raw(name);
        int n = yuanChars(fen, yuan);
        g.raw('"');
        g.ascii(yuan, yuan.length - n, n);
        g.raw('"');
    }

    /** Writes {@code fen} as yuan right-aligned at the end of {@code buf}; returns the number of chars. Same text as {@link Money#format}. */
    static int yuanChars(long fen, char[] buf) {
        if (fen == Long.MIN_VALUE) throw new ArithmeticException("amount out of range");
        boolean negative = fen < 0;
        long v = negative ? -fen : fen;
        int i = buf.length;
        long cents = v % 100;
        buf[--i] = (char) ('0' + cents % 10);
        buf[--i] = (char) ('0' + cents / 10);
        buf[--i] = '.';
        long yuanPart = v / 100;
        do {
            buf[--i] = (char) ('0' + yuanPart % 10);
            yuanPart /= 10;
        } while (yuanPart != 0);
        if (negative) buf[--i] = '-';
        return buf.length - i;
    }
}
