package org.medassist.settlement.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The text report's tables line up in a terminal whatever the labels' script. */
class TextReportTest {
    private static int columns(String s) { return s.codePoints().map(TextReport::columns).sum(); }

    @Test
    void labelsArePaddedAndCutByTerminalColumns() {
        assertEquals("abc       ", TextReport.padded("abc", 10));
        assertEquals("一类人员  ", TextReport.padded("一类人员", 10), "four Chinese characters take eight columns");
        assertEquals(10, columns(TextReport.padded("fangchenggang class1 一类人员", 10)));
        assertEquals("fangchen…", TextReport.padded("fangchenggang", 9).strip());
        String cut = TextReport.padded("class2 二类人员（重度残疾人）", 12);
        assertEquals(12, columns(cut), cut);
        assertEquals("class2 二类…", cut.strip());
        assertEquals("二类人员（…", TextReport.padded("二类人员（重度残疾人）", 11));
        assertEquals("二类人员… ", TextReport.padded("二类人员（重度残疾人）", 10), "a wide character that would pass the width is left out");
    }
}
