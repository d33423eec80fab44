package org.medassist.settlement.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.medassist.engine.EngineOutput;
import org.medassist.engine.SettlementEngine;
import org.medassist.engine.model.Explanation;
import org.medassist.engine.model.MonitoringAlert;
import org.medassist.engine.model.ResultStatus;
import org.medassist.engine.model.SettlementResult;
import org.medassist.engine.policy.ParameterBook;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.schemas.json.EventFormatException;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.avro.AvroMapping;
import org.medassist.settlement.ledger.InMemoryLedgers;
import org.medassist.settlement.route.EventRouter;
import org.medassist.settlement.route.InMemoryOwners;
import org.medassist.settlement.route.Limits;

/** The replay's streaming writer gives the bytes of the contract's codec, {@code EventJson.write(AvroMapping.toAvro(x))}. */
class JsonLinesOutputTest {
    /** Every output of the example files and of random event sequences of every region, written both ways. */
    @Test
    void everyOutputOfTheExamplesAndOfRandomEventsIsWrittenAsTheCodecWritesIt() throws IOException {
        List<Object> outputs = new ArrayList<>();
        EngineOutput collect = new EngineOutput() {
            @Override public void settlement(SettlementResult s) { outputs.add(s); }
            @Override public void alert(MonitoringAlert a) { outputs.add(a); }
        };
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) root = root.getParent();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("docs/examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        long seed = 1;
        for (RegionPolicy p : ReplayProperties.CATALOG.all()) lines.addAll(new RandomEvents(seed++, p).generate(400));
        EventRouter router = new EventRouter(new SettlementEngine(ReplayProperties.CATALOG, new ParameterBook()), new InMemoryLedgers(),
                new InMemoryOwners(), Limits.DEFAULT);
        for (String line : lines) {
            SpecificRecord r;
            try {
                r = EventJson.read(line);
            } catch (EventFormatException e) {
                router.reject(e, collect);
                continue;
            }
            router.route(r, collect);
        }
        assertTrue(outputs.size() > 1000, outputs.size() + " outputs");
        int rendered = 0;
        for (Object o : outputs) {
            // the writer first, while the explanation is not read: its lines are rendered into the writer's buffer
            boolean unread = o instanceof SettlementResult s && s.explanation() instanceof Explanation;
            String streamed = streamed(o);
            assertEquals(codec(o), streamed);
            if (unread) rendered++;
        }
        assertTrue(rendered > 300, rendered + " explanations rendered by the writer");
    }

    /** Texts with quotes, back-slashes, control characters, non-ASCII and surrogate pairs are escaped as the codec escapes them. */
    @Property(tries = 300)
    void anyTextIsEscapedAsTheCodecEscapesIt(@ForAll @StringLength(max = 40) String text, @ForAll long amount,
                                             @ForAll @IntRange(min = -800_000, max = 3_000_000) int day) {
        long fen = amount % 10_000_000_000_000L;
        SettlementResult s = new SettlementResult("S/" + text, text, "P-1", "nanjing", 2023, ResultStatus.ADJUSTMENT, text, null,
                fen, -fen, fen / 7, 0, fen, -1, text, List.of(text, "S " + text + " 「引」", ""), text, text, true, List.of(text),
                text, day % 3 == 0 ? null : text, day % 5 == 0 ? null : LocalDate.ofEpochDay(day));
        assertEquals(codec(s), streamed(s));
        MonitoringAlert a = new MonitoringAlert(text, "P-1", "nanjing", 2023, "2023-05", text, "S", fen, fen, List.of(text), text, null);
        assertEquals(codec(a), streamed(a));
    }

    /**
     * Unpaired surrogates (a rejection repeats the id it refuses) are written as the codec's text becomes in UTF-8,
     * {@code ?}; pairs as one four-byte character; long texts of every kind cross the buffer's refills intact.
     */
    @Test
    void surrogatesControlsAndLongTextsAreWrittenAsTheCodecsUtf8() {
        List<String> texts = new ArrayList<>(List.of("a\ud800b", "\udc00", "x\ud83d", "\ud83d\ude00", "\ud83d\ud83d\ude00",
                "\ude00\ud83d", "\u0000\u001f\u007f\"\\/\u2028\u00e9\u4e2d", "医疗救助「引」 E5"));
        char[] pool = {'a', 'Z', '0', ' ', '"', '\\', '\n', '\t', '\u0001', '\u001f', '\u007f', '\u0080', '\u00e9', '\u07ff',
                '\u0800', '\u4e2d', '\u6587', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'};
        Random rnd = new Random(11);
        for (int i = 0; i < 2000; i++) {
            char[] t = new char[rnd.nextInt(i < 1000 ? 40 : 3000)];
            for (int k = 0; k < t.length; k++) t[k] = pool[rnd.nextInt(pool.length)];
            texts.add(new String(t));
        }
        for (String text : texts) {
            SettlementResult s = new SettlementResult("rejected:" + text, text, "P-1", "nanjing", 0, ResultStatus.REJECTED, null,
                    null, 0, 0, 0, 0, 0, 0, "", List.of(text, text + text), text, "claim " + text + ": claimId is not Unicode text",
                    false, List.of(), text, null, null);
            assertEquals(codec(s), streamed(s), () -> "text of " + text.length() + " characters");
            MonitoringAlert a = new MonitoringAlert(text, "P-1", "nanjing", 2023, "2023-05", text, "S", 1, -1, List.of(text), null, text);
            assertEquals(codec(a), streamed(a));
        }
    }

    @Test
    void amountsAreTheCodecsYuanStrings() {
        Random rnd = new Random(3);
        char[] buf = new char[24];
        long[] edges = {0, 1, -1, 9, 10, 99, 100, 101, -100, -101, 123450, -5, 10_000_000_000_000L, -10_000_000_000_000L,
                Long.MAX_VALUE, Long.MIN_VALUE + 1};
        for (long fen : edges) assertEquals(org.medassist.engine.money.Money.format(fen), yuan(fen, buf));
        for (int i = 0; i < 100_000; i++) {
            long fen = rnd.nextLong() >> rnd.nextInt(64);
            if (fen == Long.MIN_VALUE) continue;
            assertEquals(org.medassist.engine.money.Money.format(fen), yuan(fen, buf));
        }
    }

    private static String yuan(long fen, char[] buf) {
        int n = JsonLinesOutput.yuanChars(fen, buf);
        return new String(buf, buf.length - n, n);
    }

    /** The codec's line in UTF-8 (an unpaired surrogate as '?'), shown as ISO-8859-1 so that a failure shows each byte. */
    static String codec(Object o) {
        String line = (o instanceof SettlementResult s ? EventJson.write(AvroMapping.toAvro(s))
                : EventJson.write(AvroMapping.toAvro((MonitoringAlert) o))) + "\n";
        return new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** What the replay's writer writes, byte for byte (in a small buffer, so that long lines cross its refills). */
    static String streamed(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLinesOutput out = new JsonLinesOutput(bytes, 256);
        if (o instanceof SettlementResult s) out.settlement(s);
        else out.alert((MonitoringAlert) o);
        out.flush();
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
