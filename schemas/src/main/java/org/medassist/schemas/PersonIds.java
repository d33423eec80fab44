package org.medassist.schemas;

import java.util.regex.Pattern;

/**
 * The one format of a personId (docs/contract.md): 1 to 64 characters, upper-case ASCII letters, digits and
 * {@code -}, starting and ending with a letter or digit ({@code P-0001}, {@code 32010219800101123X}). Keys are
 * compared byte for byte, so a personId that differed only by case, white space or a Unicode look-alike would open a
 * second ledger with its own caps; any id outside this format is refused at every entrance instead (HTTP, replay,
 * topics). The message never echoes the value: a personId is personal data.
 */
public final class PersonIds {
    private PersonIds() {}

    public static final int MAX_LENGTH = 64;
    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9](?:[A-Z0-9-]{0,62}[A-Z0-9])?");

    public static boolean valid(String personId) {
        return personId != null && personId.length() <= MAX_LENGTH && FORMAT.matcher(personId).matches();
    }

    /** Why the id is refused, phrased to follow "personId", or null when it is valid. */
    public static String problem(String personId) {
        if (personId == null || personId.isEmpty()) return "is missing";
        if (valid(personId)) return null;
        return "must be 1 to " + MAX_LENGTH + " upper-case ASCII letters, digits and '-', starting and"
                + " ending with a letter or digit (" + personId.length() + " characters were sent)";
    }
}
