package org.medassist.engine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medassist.engine.Scenario;
import org.medassist.engine.money.Money;

/** Worked example Ex 27 (docs/readings.md): the first in-city inpatient claim of the year, S = 10,000, in five cities. */
class CrossCityExampleTest {

    @ParameterizedTest(name = "{0} {1}{2} → {3}")
    @CsvSource({
            "jiujiang, minimum_living, '', 7500.00",
            "jiyuan, minimum_living, '', 7000.00",
            "fangchenggang, minimum_living, '', 9000.00",
            "fangchenggang, minimum_living, +disabled, 9500.00",
            "nanjing, minimum_living, '', 9000.00",
            "jiangyin, minimum_living, '', 7000.00",
            "jiangyin, minimum_living, +registered, 8500.00",
            "jiujiang, marginal_low_income, '', 4550.00",
            "jiyuan, marginal_low_income, '', 4420.00",
            "fangchenggang, marginal_low_income, '', 5600.00",
            "nanjing, marginal_low_income, '', 9000.00",
            "jiangyin, marginal_low_income, '', 0.00",
            "jiangyin, near_low_income_age_group, '', 7000.00",
            "jiujiang, special_hardship, '', 10000.00",
            "jiyuan, special_hardship, '', 9000.00",
            "fangchenggang, special_hardship, '', 10000.00",
            "nanjing, special_hardship, '', 10000.00",
            "jiangyin, special_hardship, '', 7000.00",
    })
    void sameClaimFiveCities(String region, String identity, String variant, String expected) {
        int year = region.equals("jiyuan") ? 2022 : 2023;
        Scenario s = Scenario.of(region).param(year, "per_capita_disposable_income", "30000.00")
                .grant("P", identity, year + "-01-01");
        if (variant.equals("+disabled")) s.disability("P", 2, "physical", year + "-01-01");
        var claim = s.claim("P", "c", "inpatient").stay(year + "-06-01", year + "-06-10").selfPay("10000.00");
        if (variant.equals("+registered")) claim.registered();
        claim.send();
        assertEquals(expected, Money.format(s.assistance("c")));
    }
}
