package org.medassist.settlement.replay;

import java.util.List;
import java.util.Random;

/**
 * What the fast line readers' tests share: the mutations every event line gets (a value replaced, a field removed,
 * repeated or unknown, white space, trailing content or a cut), reading a line in place in a larger buffer as the
 * replay does, and the lines read once per test class.
 */
final class LineMutations {
    private LineMutations() {}

    /** A list computed on first use (the valid lines of the examples and random events). */
    interface LinesSource {
        List<String> read() throws java.io.IOException;
    }

    static final class Memo {
        private final LinesSource source;
        private List<String> lines;

        Memo(LinesSource source) { this.source = source; }

        List<String> get() throws java.io.IOException {
            if (lines == null) lines = source.read();
            return lines;
        }
    }

    /**
     * One of the shared mutations, chosen by {@code choice} (0–5) with {@code field} and {@code value}; null for a
     * choice it does not have, which the caller's own mutations take.
     */
    static String common(String line, int choice, String field, String value, Random rnd) {
        String key = "\"" + field + "\":";
        int at = line.indexOf(key);
        switch (choice) {
            case 0: { // replace a field's value
                if (at < 0) return line;
                int start = at + key.length();
                return line.substring(0, start) + value + line.substring(valueEnd(line, start));
            }
            case 1: { // remove a field
                if (at < 0) return line;
                int end = valueEnd(line, at + key.length());
                String before = line.substring(0, at);
                String after = line.substring(end);
                if (after.startsWith(",")) after = after.substring(1);
                else if (before.endsWith(",")) before = before.substring(0, before.length() - 1);
                return before + after;
            }
            case 2: // a field twice, or an unknown one, at the end
                return line.substring(0, line.length() - 1) + ",\"" + (rnd.nextBoolean() ? field : field + "X") + "\":" + value + "}";
            case 4: // white space, which changes nothing
                return line.replace(",", rnd.nextBoolean() ? " , " : ",\t").replace(":", " :\r");
            case 5: // trailing content or a cut line
                return rnd.nextBoolean() ? line + (rnd.nextBoolean() ? " {}" : " x") : line.substring(0, rnd.nextInt(line.length()));
            default:
                return null;
        }
    }

    /**
     * The reader on the line as the replay gives it: in place in a larger buffer, with other characters (a line of the
     * same type too) before and after it, which must not be read.
     */
    static <T> T inPlace(JsonLineReader<T> reader, String line, String type) {
        String before = "{\"type\":\"" + type + "\"} \"";
        String after = ",\"x\":1}\n" + line;
        char[] buf = (before + line + after).toCharArray();
        return reader.read(buf, before.length(), before.length() + line.length());
    }

    /** Where the JSON value starting at {@code start} ends: at the comma or closing bracket behind it. */
    static int valueEnd(String line, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            else if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') {
                if (depth == 0) return i;
                depth--;
            } else if (c == ',' && depth == 0) return i;
        }
        return line.length();
    }
}
