package org.medassist.settlement.whatif;

import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.medassist.events.Application;
import org.medassist.events.Claim;
import org.medassist.events.ClaimReversal;
import org.medassist.events.IdentityEvent;
import org.medassist.events.Parameter;
import org.medassist.events.YearClose;

/**
 * Which regions and year a what-if reads and reports (docs/whatif.md, "Scope"). Events of other regions are not read:
 * a region is settled as if it were alone. Every year of the selected regions is settled, because look-backs and
 * one-time windows read earlier years, but only the chosen year is reported.
 *
 * @param regions region keys, empty for every region
 * @param year    the reported year, 0 for every year
 */
public record Scope(Set<String> regions, int year) {
    public static final Scope ALL = new Scope(Set.of(), 0);

    public static Scope of(java.util.Collection<String> regions, int year) { return new Scope(Set.copyOf(regions), year); }

    public Scope {
        regions = Set.copyOf(new TreeSet<>(regions));
    }

    public boolean region(String region) { return regions.isEmpty() || regions.contains(region); }

    /** Whether a person-year is reported. */
    public boolean reports(String region, int year) { return region(region) && (this.year == 0 || this.year == year); }

    /** Whether an input event is read: its region is selected (a whole identity timeline always is). */
    public boolean reads(SpecificRecord r) {
        if (regions.isEmpty()) return true;
        if (r instanceof Claim c) return region(c.getRegion());
        if (r instanceof ClaimReversal c) return region(c.getRegion());
        if (r instanceof Application a) return region(a.getRegion());
        if (r instanceof IdentityEvent e) return region(e.getRegion());
        if (r instanceof Parameter p) return region(p.getRegion());
        if (r instanceof YearClose y) return region(y.getRegion());
        return true;
    }

    public String describe() {
        return (regions.isEmpty() ? "every region" : String.join(", ", regions)) + (year == 0 ? ", every year" : ", " + year);
    }
}
