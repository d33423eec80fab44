package org.medassist.settlement.replay;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import org.medassist.engine.money.Money;
import org.medassist.schemas.PersonIds;
import org.medassist.schemas.json.EventJson;
import org.medassist.schemas.json.EventRules;

/**
 * What the replay's fast line readers share ({@link ClaimLineReader}, {@link IdentityLineReader}): one pass over a
 * line's characters in place, accepting only what the reader understands whole and returning null for anything else,
 * which the caller then reads with {@link EventJson} (validation and messages stay the codec's). The lexing here reads
 * a subset of JSON (RFC 8259): strings without escapes, control characters or surrogates; the values the contract's
 * events hold (dates, yuan amounts, booleans, symbols).
 */
abstract class JsonLineReader<T> {
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2999;
    private static final long FIRST_CACHED_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

    /** Texts that repeat from line to line (regions, hospitals, symbols), kept once instead of once per line. */
    final Interner texts;
    /** PersonIds, kept once per person (the ledgers hold one per person anyway): grows with the persons, not the file. */
    final Interner personIds;
    /** Dates of 2000–2049 by day, built once: a replay holds two dates per claim for its whole run. */
    private final LocalDate[] dates;

    JsonLineReader() {
        texts = new Interner(1 << 13, false);
        personIds = new Interner(1 << 12, true);
        dates = new LocalDate[(int) (LocalDate.of(2050, 1, 1).toEpochDay() - FIRST_CACHED_DAY)];
    }

    /** A reader that keeps its texts, personIds and dates in {@code other}'s tables (one replay, one copy of each). */
    JsonLineReader(JsonLineReader<?> other) {
        texts = other.texts;
        personIds = other.personIds;
        dates = other.dates;
    }

    /** The event at {@code s[i, end)}; null, or any RuntimeException, leaves the line to the codec. */
    abstract T event();

    // the line being read (s[start, end)) and the position in it
    char[] s;
    int end;
    int i;
    int textStart;
    int textEnd;

    /** The event on this line, or null when the line is not one this reader accepts whole. */
    T read(String line) {
        return read(line.toCharArray(), 0, line.length());
    }

    /**
     * The event on the line {@code chars[from, to)} (the replay's line buffer, read in place: no String per line), or
     * null when the line is not one this reader accepts whole.
     */
    T read(char[] chars, int from, int to) {
        s = chars;
        i = from;
        end = to;
        try {
            return event();
        } catch (RuntimeException e) {
            return null; // the codec reads it again and says what is wrong
        } finally {
            s = null;
        }
    }

    static char[][] chars(List<String> texts) {
        return texts.stream().map(String::toCharArray).toArray(char[][]::new);
    }

    // ---------------------------------------------------------------------------------------------------- lexing

    void skipWs() {
        while (i < end) {
            char c = s[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            i++;
        }
    }

    /** Skips white space, then consumes {@code c} if it is next. */
    boolean ws(char c) {
        skipWs();
        if (i < end && s[i] == c) {
            i++;
            return true;
        }
        return false;
    }

    /** Skips white space; true when {@code c} is next (not consumed). */
    boolean at(char c) {
        skipWs();
        return i < end && s[i] == c;
    }

    /**
     * A string without escapes, control characters, surrogates or U+FFFD at i, of at most {@link EventRules#MAX_TEXT}
     * characters; sets textStart and textEnd. A longer text, or one with a surrogate (a pair or not) or U+FFFD, is left
     * to the codec, which refuses an overlong or non-Unicode text and words the refusal.
     */
    boolean string() {
        if (i >= end || s[i] != '"') return false;
        int start = ++i;
        while (i < end) {
            char c = s[i];
            if (c == '"') {
                if (i - start > EventRules.MAX_TEXT) return false;
                textStart = start;
                textEnd = i++;
                return true;
            }
            // an escape (the codec decodes it), invalid JSON, a surrogate, or U+FFFD (bytes that were not UTF-8): the codec's
            if (c == '\\' || c < 0x20 || Character.isSurrogate(c) || c == '\uFFFD') return false;
            i++;
        }
        return false;
    }

    boolean text(char[] expected) {
        int n = expected.length;
        if (textEnd - textStart != n) return false;
        char[] b = s;
        for (int k = 0, o = textStart; k < n; k++) {
            if (b[o + k] != expected[k]) return false;
        }
        return true;
    }

    /**
     * Whether {@code "name"} is at i, then consumed; a name holds no escape, control character or surrogate, so the
     * general {@link #string()} would read the same text.
     */
    boolean quoted(char[] name) {
        int n = name.length;
        int o = i;
        if (end - o < n + 2 || s[o] != '"' || s[o + n + 1] != '"') return false;
        char[] b = s;
        for (int k = 0; k < n; k++) {
            if (b[o + 1 + k] != name[k]) return false;
        }
        i = o + n + 2;
        return true;
    }

    /** The value whose symbol is the string just read, or null. */
    <V> V symbol(char[][] symbols, V[] values) {
        for (int k = 0; k < symbols.length; k++) {
            if (text(symbols[k])) return values[k];
        }
        return null;
    }

    /** Whether {@code chars[from, from + text.length())} holds {@code text}. */
    private static boolean same(char[] chars, int from, String text) {
        for (int k = 0, n = text.length(); k < n; k++) {
            if (chars[from + k] != text.charAt(k)) return false;
        }
        return true;
    }

    /** A non-empty string at i ({@link #string}) as a String of its own, or null. */
    String ownText() { return string() && textEnd > textStart ? new String(s, textStart, textEnd - textStart) : null; }

    /** A non-empty string at i as the shared instance of its text (regions, hospitals: few, repeated), or null. */
    String keptText() { return string() && textEnd > textStart ? texts.text(s, textStart, textEnd) : null; }

    /** A non-empty string at i as the personIds' table keeps it, or null. */
    String personIdText() { return string() && textEnd > textStart ? personIds.text(s, textStart, textEnd) : null; }

    /**
     * The next member's index in {@code names}, read up to its value (the colon and white space behind it), or -1 when
     * the name is unknown or among {@code seen} (a bit per index): the codec decides such a line.
     */
    int member(char[][] names, int previous, int seen) {
        int field = name(names, previous);
        if (field < 0 || (seen & (1 << field)) != 0 || !ws(':')) return -1;
        skipWs();
        return field;
    }

    /**
     * The index in {@code names} of the member name at i (after white space), or -1. Writers list the fields in the
     * contract's order, so the name after {@code previous} is tried first.
     */
    int name(char[][] names, int previous) {
        skipWs();
        int n = names.length;
        int expected = previous + 1 == n ? 0 : previous + 1;
        if (quoted(names[expected])) return expected; // the usual case: the next name in the contract's order
        if (!string()) return -1;
        for (int k = 0, at = previous + 1; k < n; k++, at++) {
            if (at == n) at = 0;
            if (text(names[at])) return at;
        }
        return -1;
    }

    boolean literal(String word) {
        if (end - i >= word.length() && same(s, i, word)) {
            i += word.length();
            return true;
        }
        return false;
    }

    /** 1 for true, 0 for false, -1 for anything else (null included: the codec gives the default). */
    int bool() {
        if (literal("true")) return 1;
        if (literal("false")) return 0;
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------- values

    /**
     * YYYY-MM-DD with ASCII digits naming a real day of the years 1900–2999, as the codec's pattern, ISO_LOCAL_DATE and
     * the contract's date rule accept; else null.
     */
    LocalDate date() {
        int o = textStart;
        if (textEnd - o != 10 || s[o + 4] != '-' || s[o + 7] != '-') return null;
        int y = digits(o, o + 4), m = digits(o + 5, o + 7), d = digits(o + 8, o + 10);
        if (y < 0 || m < 0 || d < 0) return null;
        if (y < MIN_YEAR || y > MAX_YEAR) return null; // EventRules.dateProblem: the codec refuses it and says why
        if (y >= 2000 && y < 2050 && m >= 1 && m <= 12 && d >= 1 && d <= 28) {
            int k = (int) (epochDay(y, m, d) - FIRST_CACHED_DAY);
            LocalDate cached = dates[k];
            return cached != null ? cached : (dates[k] = LocalDate.of(y, m, d));
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Epoch day of a date whose day of month is at most 28 (valid in every month). */
    private static long epochDay(int y, int m, int d) {
        long total = 365L * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400 + (367L * m - 362) / 12 + d - 1;
        if (m > 2) total -= java.time.Year.isLeap(y) ? 1 : 2;
        return total - 719_528L;
    }

    int digits(int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            char c = s[k];
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * An input amount from the string at textStart..textEnd: what {@link Money#parseYuan} reads (an optional '-', one to
     * twelve digits, optionally a '.' and one or two digits), not negative, within range; -1 otherwise.
     */
    long money() {
        int k = textStart;
        int end = textEnd;
        boolean negative = k < end && s[k] == '-';
        if (negative) k++;
        long yuan = 0;
        int digits = 0;
        while (k < end && s[k] != '.') {
            char c = s[k++];
            if (c < '0' || c > '9' || ++digits > 12) return -1;
            yuan = yuan * 10 + (c - '0');
        }
        if (digits == 0) return -1;
        long fen = 0;
        if (k < end) {
            k++; // the '.'
            int decimals = end - k;
            if (decimals == 0 || decimals > 2) return -1;
            for (int d = 0; d < 2; d++) {
                fen *= 10;
                if (d < decimals) {
                    char c = s[k + d];
                    if (c < '0' || c > '9') return -1;
                    fen += c - '0';
                }
            }
        }
        long total = yuan * 100 + fen;
        if (negative && total != 0) return -1; // "-0.00" is zero, as the codec reads it
        return total > Money.MAX_FEN ? -1 : total;
    }

    /** The format {@link PersonIds} holds, checked without a regular expression; the codec words any refusal. */
    static boolean validPersonId(String id) {
        int n = id.length();
        if (n < 1 || n > PersonIds.MAX_LENGTH) return false;
        for (int k = 0; k < n; k++) {
            char c = id.charAt(k);
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (c != '-' || k == 0 || k == n - 1)) return false;
        }
        return true;
    }

    /** A table of texts seen before, found by their characters without building a String. */
    static final class Interner {
        private String[] table;
        /** Each slot's text's hash, compared before the text itself is touched (a likely cache miss). */
        private int[] hashes;
        private int count;
        private final boolean grows;

        /** {@code size} slots (a power of two); a table that does not grow stops keeping texts when half full. */
        Interner(int size, boolean grows) {
            this.table = new String[size];
            this.hashes = new int[size];
            this.grows = grows;
        }

        String text(char[] line, int from, int to) {
            int len = to - from;
            int h = 0;
            for (int k = from; k < to; k++) h = 31 * h + line[k];
            String[] t = table;
            int[] hs = hashes;
            int mask = t.length - 1;
            int slot = slot(h, mask);
            while (true) {
                String s = t[slot];
                if (s == null) break;
                if (hs[slot] == h && s.length() == len && same(line, from, s)) return s;
                slot = (slot + 1) & mask;
            }
            String made = new String(line, from, len);
            if (count < t.length / 2) {
                t[slot] = made;
                hs[slot] = h;
                if (++count == t.length / 2 && grows) grow();
            }
            return made;
        }

        /**
         * The first slot for a hash: its bits mixed (Fibonacci hashing), since ids that differ in their last digits
         * have neighbouring string hashes, which would fill neighbouring slots and make long probe runs.
         */
        private static int slot(int h, int mask) {
            int m = h * 0x9E3779B9;
            return (m ^ (m >>> 16)) & mask;
        }

        private void grow() {
            String[] old = table;
            int[] oldHashes = hashes;
            String[] t = new String[old.length * 2];
            int[] hs = new int[t.length];
            int mask = t.length - 1;
            for (int k = 0; k < old.length; k++) {
                String s = old[k];
                if (s == null) continue;
                int slot = slot(oldHashes[k], mask);
                while (t[slot] != null) slot = (slot + 1) & mask;
                t[slot] = s;
                hs[slot] = oldHashes[k];
            }
            table = t;
            hashes = hs;
        }
    }
}
