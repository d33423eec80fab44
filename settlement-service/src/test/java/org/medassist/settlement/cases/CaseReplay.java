package org.medassist.settlement.cases;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.events.Alert;
import org.medassist.events.Settlement;
import org.medassist.schemas.json.EventJson;
import org.medassist.settlement.replay.Replay;

/** Runs cases through {@code bin/settle replay}'s path ({@link Replay}) and checks them. */
public final class CaseReplay {
    private CaseReplay() {}

    /** What a replay wrote, read back as contract records. */
    public record Output(List<Settlement> settlements, List<Alert> alerts) {
        public Output() { this(new ArrayList<>(), new ArrayList<>()); }
    }

    /** Replays lines on {@code replay} (which keeps its state between calls), adding what it writes to {@code out}. */
    public static void run(Replay replay, List<String> lines, Output out) {
        StringWriter written = new StringWriter();
        try {
            long failed = replay.run(new BufferedReader(new StringReader(String.join("\n", lines))), written);
            if (failed != 0) throw new AssertionError(failed + " lines failed inside the engine");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String l : written.toString().split("\n")) {
            if (l.isBlank()) continue;
            SpecificRecord r = EventJson.read(l);
            if (r instanceof Settlement s) out.settlements().add(s);
            else if (r instanceof Alert a) out.alerts().add(a);
        }
    }

    public static Replay replay(PolicyCatalog catalog) {
        return new Replay(catalog, new PrintStream(new ByteArrayOutputStream()), false);
    }

    /** Lines replayed on a fresh engine. */
    public static Output run(PolicyCatalog catalog, List<String> lines) {
        Output out = new Output();
        run(replay(catalog), lines, out);
        return out;
    }

    /** Runs one case alone, in its own order, checking every checkpoint and the final expectation exactly. */
    public static List<String> check(PolicyCatalog catalog, WorkedCase c) {
        Replay replay = replay(catalog);
        Output out = new Output();
        List<String> failures = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (WorkedCase.Step step : c.steps()) {
            if (step instanceof WorkedCase.Event e) {
                pending.add(e.line());
            } else if (step instanceof WorkedCase.Checkpoint cp) {
                run(replay, pending, out);
                pending.clear();
                for (String f : CaseCheck.check(c, cp.expect(), out.settlements(), out.alerts(), UnaryOperator.identity(), CaseCheck.Depth.EXACT)) {
                    failures.add(f + " [checkpoint " + cp.where() + "]");
                }
            }
        }
        run(replay, pending, out);
        failures.addAll(CaseCheck.check(c, c.expect(), out.settlements(), out.alerts(), UnaryOperator.identity(), CaseCheck.Depth.EXACT));
        return failures;
    }
}
