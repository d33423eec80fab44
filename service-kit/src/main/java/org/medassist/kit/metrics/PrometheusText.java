package org.medassist.kit.metrics;

/**
 * Reads a figure out of a /prometheus scrape (the text exposition format), for the tools and tests that watch a
 * running service from outside: the sum of one metric's samples over all their label sets.
 */
public final class PrometheusText {
    private PrometheusText() {}

    /**
     * The sum of the samples named exactly {@code metric} (any labels), or NaN when the scrape has none, so that a
     * metric not yet registered is told apart from one at 0.
     */
    public static double sum(String scrape, String metric) {
        double sum = 0;
        boolean seen = false;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(metric) || line.length() == metric.length()) continue;
            char next = line.charAt(metric.length());
            if (next != '{' && next != ' ') continue; // another metric whose name starts the same
            sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            seen = true;
        }
        return seen ? sum : Double.NaN;
    }
}
