package org.medassist.simulator;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random dates and small draws the generators share. */
final class Dates {
    private Dates() {}

    static LocalDate between(Random rnd, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        if (days <= 0) return from;
        return from.plusDays(rnd.nextInt((int) days + 1));
    }

    /** {@code n} dates spread over [from, to] with some jitter, in order. */
    static List<LocalDate> spread(Random rnd, LocalDate from, LocalDate to, int n) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        List<LocalDate> dates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long slot = days * i / n;
            long width = Math.max(1, days / n);
            dates.add(from.plusDays(Math.min(days - 1, slot + rnd.nextInt((int) width))));
        }
        return dates;
    }

    static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static <T> T pick(Random rnd, List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    static int poisson(Random rnd, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
