package org.medassist.simulator;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one format of simulated ids: upper-case ASCII letters, digits and {@code -}. A city's prefix is its region key
 * upper-cased ({@code nanjing} → {@code NANJING}); a person is {@code <PREFIX>-<seed>-<number>}
 * ({@code NANJING-42-000123}), so streams of different seeds never share an id. Hospital, claim and application ids
 * start with the same prefix (docs/simulator.md).
 */
public final class PersonIds {
    private PersonIds() {}

    /** What every simulated person id matches. */
    public static final Pattern FORMAT = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");

    /**
     * The prefix of a region key: ASCII letters upper-cased, digits kept, every other run of characters one
     * {@code -}. A key with no ASCII letter or digit gets {@code R} and eight hex digits of its hash.
     */
    public static String prefix(String regionKey) {
        StringBuilder sb = new StringBuilder(regionKey.length());
        for (int i = 0; i < regionKey.length(); i++) {
            char c = regionKey.charAt(i);
            boolean keep = c < 128 && Character.isLetterOrDigit(c);
            if (keep) sb.append(Character.toUpperCase(c));
            else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') sb.append('-');
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') sb.setLength(sb.length() - 1);
        return sb.length() > 0 ? sb.toString() : "R" + hex(regionKey);
    }

    /**
     * The prefixes of several region keys, each unique: keys that would share a prefix ({@code new-city},
     * {@code new_city}) get their own hash appended.
     */
    public static Map<String, String> prefixes(Collection<String> regionKeys) {
        Map<String, Integer> uses = new LinkedHashMap<>();
        for (String key : regionKeys) uses.merge(prefix(key), 1, Integer::sum);
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : regionKeys) {
            String p = prefix(key);
            out.put(key, uses.get(p) == 1 ? p : p + "-" + hex(key));
        }
        return out;
    }

    /** {@code <prefix>-<seed>-<number>}, the number zero-padded to at least six digits. */
    public static String personId(String prefix, long seed, int index) {
        return prefix + "-" + number(seed, index);
    }

    /** {@code <seed>-<number>}: the part of a person id after the city's prefix. */
    static String number(long seed, int index) {
        return seed + "-" + pad(index, 6);
    }

    /** {@code n} in decimal, zero-padded to {@code width} digits. */
    static String pad(int n, int width) {
        String s = Integer.toString(n);
        if (s.length() >= width) return s;
        return "0".repeat(width - s.length()) + s;
    }

    private static String hex(String key) {
        return String.format(Locale.ROOT, "%08X", key.hashCode());
    }
}
