package org.medassist.engine.ledger;

/**
 * What is known of a person-year without loading it: its year and which end items it holds, so a claim refreshes
 * only the end items that can read it (a year-end top-up reads its own year; one-time assistance reads its window).
 */
public record YearInfo(String region, int year, boolean yearEnd, boolean oneTime) {
    public static YearInfo of(PersonYear py) { return new YearInfo(py.region, py.year, py.hasYearEnd(), py.hasOneTime()); }
}
