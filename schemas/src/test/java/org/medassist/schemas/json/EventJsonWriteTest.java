package org.medassist.schemas.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medassist.events.ClaimReversal;
import org.medassist.events.YearClose;

/** The writer's bytes: strings escaped exactly as Jackson escapes them, dates ISO at any year. */
class EventJsonWriteTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void stringsAreEscapedAsJacksonEscapesThem() throws Exception {
        List<String> texts = new ArrayList<>();
        for (char c = 0; c < 0x80; c++) texts.add("a" + c + "b");
        texts.addAll(List.of("", "\"\\\"", "重特大疾病 医疗救助", "\u2028\u2029", "\uD83D\uDE00", "\uD800 lone", "tab\there\r\n"));
        for (String t : texts) {
            StringBuilder sb = new StringBuilder();
            EventJson.appendString(sb, t);
            assertEquals(JACKSON.writeValueAsString(t), sb.toString(), () -> "text " + t.chars().boxed().toList());
        }
    }

    @Test
    void aWrittenEventReadsBackWhateverItsStrings() {
        ClaimReversal r = new ClaimReversal("R-1", "C-1", "P-1", "nanjing", "line one\nline \"two\"\t\\ 冲正 \u0001", "H0012");
        String line = EventJson.write(r);
        assertEquals("{\"type\":\"claim_reversal\",\"reversalId\":\"R-1\",\"claimId\":\"C-1\",\"personId\":\"P-1\","
                + "\"region\":\"nanjing\",\"reason\":\"line one\\nline \\\"two\\\"\\t\\\\ 冲正 \\u0001\",\"hospitalId\":\"H0012\"}", line);
        assertEquals(r, EventJson.read(line));
        assertEquals("{\"type\":\"year_close\",\"region\":\"jiangyin\",\"year\":2023}", EventJson.write(new YearClose("jiangyin", 2023)));
    }

    @Test
    void datesAreIsoAtAnyYear() {
        for (LocalDate d : List.of(LocalDate.of(2023, 1, 9), LocalDate.of(2023, 10, 10), LocalDate.of(2024, 2, 29), LocalDate.of(999, 12, 31),
                LocalDate.of(12345, 6, 7), LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31))) {
            assertEquals(d.format(DateTimeFormatter.ISO_LOCAL_DATE), EventJson.appendDate(new StringBuilder(), d).toString());
        }
    }
}
