package org.medassist.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.medassist.engine.model.ParameterValue;
import org.medassist.engine.model.RegionYear;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.load.PolicyLoader;

/**
 * Writes a large, seeded replay input for {@code bin/settle replay}:
 * {@code java -cp tools/benchmarks/target/benchmarks.jar org.medassist.benchmarks.ReplayInput --people N --years Y
 * --seed S --out big.jsonl}. The parameters of every region and year come first; then, year by year and in blocks of
 * persons, each block's events by date; each year ends with a {@code year_close} per region. Streams its output.
 */
public final class ReplayInput {
    static final int FIRST_YEAR = 2023;
    private static final int BLOCK = 10_000;

    private ReplayInput() {}

    public static void main(String[] args) throws IOException {
        int people = 10_000;
        int years = 2;
        long seed = 1;
        String out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--people" -> people = Integer.parseInt(args[++i]);
                case "--years" -> years = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = args[++i];
                default -> {
                    System.err.println("usage: ReplayInput --people N --years Y --seed S [--out file.jsonl]");
                    System.exit(2);
                }
            }
        }
        try (Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
            long lines = write(PolicyLoader.bundled(), people, years, seed, w);
            System.err.printf("ReplayInput: %,d lines (%,d people, %d years, seed %d)%n", lines, people, years, seed);
        }
    }

    /** Writes the whole input; returns the number of lines. */
    public static long write(PolicyCatalog catalog, int people, int years, long seed, Writer w) throws IOException {
        Population pop = new Population(catalog, seed);
        long lines = 0;
        for (int y = FIRST_YEAR; y < FIRST_YEAR + years; y++) {
            for (ParameterValue v : pop.parameters(y)) {
                w.write(EventLines.line(v));
                w.write('\n');
                lines++;
            }
        }
        for (int y = FIRST_YEAR; y < FIRST_YEAR + years; y++) {
            for (int from = 0; from < people; from += BLOCK) {
                List<Object[]> block = new ArrayList<>();
                for (int i = from; i < Math.min(people, from + BLOCK); i++) {
                    int order = 0;
                    for (Object e : pop.person(i, y, FIRST_YEAR).events()) block.add(new Object[] {e, i, order++});
                }
                block.sort(Comparator.<Object[], java.time.LocalDate>comparing(a -> Population.dateOf(a[0]))
                        .thenComparingInt(a -> (Integer) a[1]).thenComparingInt(a -> (Integer) a[2]));
                for (Object[] a : block) {
                    w.write(EventLines.line(a[0]));
                    w.write('\n');
                    lines++;
                }
            }
            for (RegionPolicy p : pop.regions()) {
                w.write(EventLines.line(new RegionYear(p.region(), y)));
                w.write('\n');
                lines++;
            }
        }
        return lines;
    }
}
