package org.medassist.settlement.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.money.Money;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.avro.AvroMapping;

/**
 * Writes engine output as contract JSON lines, straight from the engine's records onto one streaming generator: the
 * same bytes as {@link EventJson#write} of the Avro record ({@code JsonLinesOutputTest} holds them equal), without
 * building the Avro record, reflecting over its schema or a string per line. Explanation lines are rendered here, as
 * they are written. A record that breaks the contract (a required field null) goes through {@link EventJson} instead,
 * which refuses it as before.
 */
final class JsonLinesOutput implements EngineOutput {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private final JsonGenerator g;
    private final char[] yuan = new char[24];

    JsonLinesOutput(Writer out) {
        try {
            this.g = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(null);
    }

    @Override
    public void settlement(SettlementResult s) {
        if (s.settlementId() == null || s.personId() == null || s.region() == null || s.status() == null
                || s.explanation() == null || s.kpiFlags() == null) {
            line(EventJson.write(AvroMapping.toAvro(s))); // throws as the contract's codec does
            return;
        }
        try {
            g.writeStartObject();
            g.writeStringField("type", "settlement");
            g.writeStringField("settlementId", s.settlementId());
            nullable("claimId", s.claimId());
            g.writeStringField("personId", s.personId());
            g.writeStringField("region", s.region());
            g.writeNumberField("year", s.year());
            g.writeStringField("status", s.status().symbol());
            nullable("tier", s.tier());
            nullable("identity", s.identity());
            money("eligible", s.eligible());
            money("assistance", s.assistance());
            money("tilt", s.tilt());
            money("remaining", s.remaining());
            g.writeFieldName("otherPayers");
            g.writeStartObject();
            money("localFinanceRelief", s.localFinanceRelief());
            money("hospitalBorne", s.hospitalBorne());
            g.writeEndObject();
            g.writeStringField("policy", s.policy() == null ? "" : s.policy());
            strings("explanation", s.explanation());
            nullable("reference", s.reference());
            nullable("reason", s.reason());
            g.writeBooleanField("recoveryDue", s.recoveryDue());
            strings("kpiFlags", s.kpiFlags());
            nullable("hospitalId", s.hospitalId());
            nullable("claimClass", s.claimClass());
            g.writeFieldName("claimDate");
            if (s.claimDate() == null) g.writeNull();
            else date(s.claimDate());
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final char[] day = new char[10];

    /** A date as the codec writes it: ISO {@code YYYY-MM-DD}, from a reused buffer for the years 1000–9999. */
    private void date(LocalDate d) throws IOException {
        int y = d.getYear();
        if (y < 1000 || y > 9999) {
            g.writeString(d.format(DateTimeFormatter.ISO_LOCAL_DATE));
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
        g.writeString(day, 0, 10);
    }

    @Override
    public void alert(MonitoringAlert a) {
        if (a.alertId() == null || a.personId() == null || a.region() == null || a.month() == null || a.rule() == null
                || a.measure() == null || a.recipients() == null) {
            line(EventJson.write(AvroMapping.toAvro(a)));
            return;
        }
        try {
            g.writeStartObject();
            g.writeStringField("type", "alert");
            g.writeStringField("alertId", a.alertId());
            g.writeStringField("personId", a.personId());
            g.writeStringField("region", a.region());
            g.writeNumberField("year", a.year());
            g.writeStringField("month", a.month());
            g.writeStringField("rule", a.rule());
            g.writeStringField("measure", a.measure());
            money("value", a.value());
            money("threshold", a.threshold());
            strings("recipients", a.recipients());
            nullable("claimId", a.claimId());
            nullable("hospitalId", a.hospitalId());
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void flush() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String text) {
        try {
            g.writeRaw(text);
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void nullable(String name, String value) throws IOException {
        if (value == null) g.writeNullField(name);
        else g.writeStringField(name, value);
    }

    private void strings(String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
        for (int i = 0, n = values.size(); i < n; i++) g.writeString(values.get(i));
        g.writeEndArray();
    }

    /** Money as the contract's yuan string (Money.format), without a String per amount. */
    private void money(String name, long fen) throws IOException {
        g.writeFieldName(name);
        int n = yuanChars(fen, yuan);
        g.writeString(yuan, yuan.length - n, n);
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
