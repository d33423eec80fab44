package org.medassist.engine.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medassist.engine.Scenario.fen;

import org.junit.jupiter.api.Test;
import org.medassist.engine.Scenario;

/** DECISIONS R-table: when benefits start, end after an exit, and how a stay spanning a change is treated. */
class TimingTableTest {

    @Test
    void jiujiang_recognitionDayInclusive_lastDayIsTheDayBeforeExit_dischargeDateDecides() {
        Scenario s = Scenario.of("jiujiang").grant("P", "minimum_living", "2023-03-10").revoke("P", "minimum_living", "2023-09-10");
        s.claim("P", "before", "inpatient").stay("2023-03-01", "2023-03-09").selfPay("100.00").send();
        s.claim("P", "spanEntry", "inpatient").stay("2023-03-01", "2023-03-10").selfPay("100.00").send();
        s.claim("P", "lastDay", "outpatient_chronic").on("2023-09-09").selfPay("100.00").send();
        s.claim("P", "exitDay", "outpatient_chronic").on("2023-09-10").selfPay("100.00").send();
        s.claim("P", "spanExit", "inpatient").stay("2023-09-01", "2023-09-12").selfPay("100.00").send();
        assertEquals(0, s.assistance("before"));
        assertEquals(fen("75.00"), s.assistance("spanEntry"), "discharged on the recognition day");
        assertEquals(fen("75.00"), s.assistance("lastDay"));
        assertEquals(0, s.assistance("exitDay"));
        assertEquals(0, s.assistance("spanExit"), "discharged after the exit: the discharge date decides");
    }

    @Test
    void jiyuanFangchenggangJiangyin_recognitionDay_endOfExitMonth_wholeStay() {
        for (String region : new String[] {"jiyuan", "fangchenggang", "jiangyin"}) {
            int y = region.equals("jiyuan") ? 2022 : 2023;
            Scenario s = Scenario.of(region).grant("P", "minimum_living", y + "-06-10").revoke("P", "minimum_living", y + "-09-10");
            s.claim("P", "dayBefore", "inpatient").stay(y + "-06-01", y + "-06-09").selfPay("100.00").send();
            s.claim("P", "spanEntry", "inpatient").stay(y + "-06-01", y + "-06-12").selfPay("100.00").send();
            s.claim("P", "exitMonth", "inpatient").stay(y + "-09-29", y + "-09-30").selfPay("100.00").send();
            s.claim("P", "spanExit", "inpatient").stay(y + "-09-28", y + "-10-05").selfPay("100.00").send();
            s.claim("P", "after", "inpatient").stay(y + "-10-01", y + "-10-05").selfPay("100.00").send();
            assertEquals(0, s.assistance("dayBefore"), region);
            assertEquals(true, s.assistance("spanEntry") > 0, region + ": entry during the stay covers it whole");
            assertEquals(true, s.assistance("exitMonth") > 0, region + ": covered to the end of the exit month");
            assertEquals(true, s.assistance("spanExit") > 0, region + ": exit during the stay keeps it covered");
            assertEquals(0, s.assistance("after"), region);
        }
    }

    @Test
    void nanjing_fromTheFirstDayOfTheRecognitionMonth() {
        Scenario s = Scenario.of("nanjing").grant("P", "minimum_living", "2023-04-20");
        s.claim("P", "march", "outpatient").on("2023-03-31").selfPay("100.00").send();
        s.claim("P", "april", "outpatient").on("2023-04-01").selfPay("100.00").send();
        assertEquals(0, s.assistance("march"));
        assertEquals(fen("85.00"), s.assistance("april"));
    }

    @Test
    void claimsBeforeThePolicyTookEffectGetNothingUnlessALookBackCoversThem() {
        Scenario s = Scenario.of("jiujiang").grant("P", "special_hardship", "2022-01-01");
        s.claim("P", "old", "inpatient").stay("2022-09-01", "2022-09-30").selfPay("100.00").send();
        s.claim("P", "new", "inpatient").stay("2022-10-01", "2022-10-02").selfPay("100.00").send();
        assertEquals(0, s.assistance("old"), "九府办字〔2022〕118号 applies from 2022-10-01");
        assertEquals(fen("100.00"), s.assistance("new"));
    }
}
