package org.medassist.kit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String SCRAPE = """
            # HELP medassist_ingest_requests_total requests
            # TYPE medassist_ingest_requests_total counter
            medassist_ingest_requests_total{pool="settlement-ingest"} 12.0
            medassist_ingest_requests_total{pool="identity-ingest"} 3.0
            medassist_ingest_requests_total_other 100.0
            medassist_ingest_transactions_total 5
            """;

    @Test
    void sumsOneMetricOverItsLabelsAndNoOther() {
        assertEquals(15.0, PrometheusText.sum(SCRAPE, "medassist_ingest_requests_total"));
        assertEquals(5.0, PrometheusText.sum(SCRAPE, "medassist_ingest_transactions_total"));
    }

    @Test
    void aMetricNotExposedIsNaNNotZero() {
        assertTrue(Double.isNaN(PrometheusText.sum(SCRAPE, "medassist_missing_total")));
    }
}
