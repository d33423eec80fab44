package org.medassist.engine.money;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fen written as yuan with two decimals, and read back, at every magnitude. */
class MoneyTest {

    @Test
    void formatsFenAsYuanWithTwoDecimals() {
        assertEquals("0.00", Money.format(0));
        assertEquals("0.05", Money.format(5));
        assertEquals("-0.05", Money.format(-5));
        assertEquals("1234.50", Money.format(123_450));
        assertEquals("21474836.47", Money.format(2_147_483_647L));
        assertEquals("21474836.48", Money.format(2_147_483_648L));
        assertEquals("2147483647.99", Money.format(214_748_364_799L), "the largest yuan an int holds");
        assertEquals("2147483648.00", Money.format(214_748_364_800L), "one yuan more");
        assertEquals("100000000000.00", Money.format(Money.MAX_FEN));
        assertEquals("-100000000000.01", Money.format(-Money.MAX_FEN - 1));
    }

    @Test
    void formatAgreesWithBigDecimalAndReadsBack() {
        Random rnd = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long fen = rnd.nextLong() % (Money.MAX_FEN + 1);
            String yuan = Money.format(fen);
            assertEquals(BigDecimal.valueOf(fen, 2).toPlainString(), yuan);
            if (fen >= 0) assertEquals(fen, Money.parseYuan(yuan));
        }
    }
}
