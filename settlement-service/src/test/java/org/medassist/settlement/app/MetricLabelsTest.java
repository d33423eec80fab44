package org.medassist.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medassist.kit.auth.RegionCatalog;

/** Metric labels come from closed sets: a region of the catalog or {@code other} (docs/security.md). */
class MetricLabelsTest {
    @Test
    void aRegionOutsideTheCatalogIsOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RegionCatalog catalog = () -> Set.of("nanjing");
        MicrometerSettlementMetrics metrics = new MicrometerSettlementMetrics(registry, catalog);
        metrics.settlement("settled", "nanjing", 100, 0);
        metrics.settlement("settled", "NJ-42-000001", 100, 0); // e.g. a personId in the region field of a produced record
        metrics.settlement("no-such-status", "nanjing", 0, 0);
        assertEquals(1.0, registry.get("medassist.settlements").tags("region", "nanjing", "status", "settled").counter().count());
        assertEquals(1.0, registry.get("medassist.settlements").tags("region", "other", "status", "settled").counter().count());
        assertEquals(1.0, registry.get("medassist.settlements").tags("region", "nanjing", "status", "other").counter().count());
        assertEquals(100.0, registry.get("medassist.assistance.paid.fen").tags("region", "other", "kind", "assistance").counter().count());
        assertNull(registry.find("medassist.settlements").tags("region", "NJ-42-000001").counter());
    }

    @Test
    void waitingPersonsAreSummedOverTheRunningTasksOnly() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerSettlementMetrics metrics = new MicrometerSettlementMetrics(registry, () -> Set.of("nanjing"));
        assertEquals(0.0, registry.get("medassist.ownership.waiting").gauge().value(), "there from the start, at 0");
        int[] task0 = {3};
        Runnable close0 = metrics.waiting(() -> task0[0]);
        Runnable close1 = metrics.waiting(() -> 4);
        assertEquals(7.0, registry.get("medassist.ownership.waiting").gauge().value());
        task0[0] = 1;
        assertEquals(5.0, registry.get("medassist.ownership.waiting").gauge().value(), "read when scraped");
        close1.run(); // the task closed (moved to another instance)
        assertEquals(1.0, registry.get("medassist.ownership.waiting").gauge().value());
        close0.run();
        assertEquals(0.0, registry.get("medassist.ownership.waiting").gauge().value());
    }

    @Test
    void paymentsAndRecoveriesCountApartByKind() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerSettlementMetrics metrics = new MicrometerSettlementMetrics(registry, () -> Set.of("nanjing"));
        metrics.settlement("settled", "nanjing", 700, 40);
        metrics.settlement("adjustment", "nanjing", -250, 15);
        metrics.settlement("reversed", "nanjing", -450, -55);
        assertEquals(700.0, registry.get("medassist.assistance.paid.fen").tags("region", "nanjing", "kind", "assistance").counter().count());
        assertEquals(55.0, registry.get("medassist.assistance.paid.fen").tags("region", "nanjing", "kind", "tilt").counter().count());
        assertEquals(700.0, registry.get("medassist.assistance.recovered.fen").tags("region", "nanjing", "kind", "assistance").counter().count());
        assertEquals(55.0, registry.get("medassist.assistance.recovered.fen").tags("region", "nanjing", "kind", "tilt").counter().count());
        assertEquals(1.0, registry.get("medassist.settlements").tags("region", "nanjing", "status", "adjustment").counter().count());
    }
}
