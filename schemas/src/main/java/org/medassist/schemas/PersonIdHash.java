package org.medassist.schemas;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What logs show instead of a personId: a keyed hash (HMAC-SHA256, first {@value #HEX_CHARS} hex characters). With
 * the same key, the same person always gets the same hash, so an operator can follow one person through the logs
 * and, holding the key, check whether a given personId is the one logged; without the key the hash reveals nothing.
 *
 * <p>The key is {@code medassist.log.person-id-key}: required outside the {@code dev} environment, at least 32
 * characters (service-kit's {@code PersonIdHashFactory}); in {@code dev}, when unset, each process draws a random one
 * and says so, and hashes then differ between processes and restarts. Thread-safe. docs/security.md.
 */
public final class PersonIdHash {
    public static final String ALGORITHM = "HmacSHA256";
    public static final int HEX_CHARS = 16;

    private final SecretKeySpec key;
    private final boolean random;
    private final ThreadLocal<Mac> macs;

    private PersonIdHash(byte[] key, boolean random) {
        if (key.length == 0) throw new IllegalArgumentException("the personId hash key is empty");
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.random = random;
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail now, not on first use
    }

    /** A hash under a configured key (its UTF-8 bytes). */
    public static PersonIdHash withKey(String key) {
        return new PersonIdHash(key.getBytes(StandardCharsets.UTF_8), false);
    }

    /** A hash under a random key drawn for this process. */
    public static PersonIdHash randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new PersonIdHash(k, true);
    }

    /** Whether the key was drawn at random (hashes are then comparable only within this process). */
    public boolean isRandomKey() { return random; }

    /** The keyed hash of {@code personId}: {@value #HEX_CHARS} lower-case hex characters; {@code "-"} for null. */
    public String of(String personId) {
        if (personId == null) return "-";
        Mac mac = macs.get();
        byte[] h = mac.doFinal(personId.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, HEX_CHARS / 2);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("cannot initialise " + ALGORITHM, e);
        }
    }
}
