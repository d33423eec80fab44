package org.medassist.embeddedkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Throw-away TLS material for tests and the in-process broker: a certificate authority made for this run, and
 * PKCS12 key stores of certificates it signs (with the host names and IP addresses they answer to), and a PKCS12
 * trust store holding the CA. Everything lives in a fresh temporary directory, deleted on {@link #close()}, under one
 * random password: nothing is committed, nothing outlives the run.
 *
 * <p>Certificates are built here (EC P-256, SHA256withECDSA, X.509 v3 with basic constraints and subject
 * alternative names) with the JDK's own signature and key store classes, so no {@code keytool} process is started.
 * Production certificates come from deploy/production/certs.sh (docs/security.md "Certificates").
 */
public final class TlsMaterial implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final Path dir;
    private final String password;
    private final KeyPair caKeys;
    private final String caName;
    private final X509Certificate ca;
    private final Path trustStore;

    private TlsMaterial(Path dir) {
        this.dir = dir;
        this.password = HexFormat.of().formatHex(randomBytes(12));
        this.caName = "medassist-test-ca-" + HexFormat.of().formatHex(randomBytes(4));
        try {
            this.caKeys = newKeyPair();
            this.ca = certificate(caName, caKeys.getPublic(), caName, caKeys.getPrivate(), true, List.of(), List.of());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            this.trustStore = store(trust, "truststore.p12");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make test TLS material", e);
        }
    }

    /** A new CA in a new temporary directory. */
    public static TlsMaterial create() {
        try {
            return new TlsMaterial(Files.createTempDirectory("medassist-tls-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PKCS12 trust store that holds the CA (clients' {@code ssl.truststore.location}). */
    public Path trustStore() { return trustStore; }

    /** The password of every store made here. */
    public String password() { return password; }

    public X509Certificate caCertificate() { return ca; }

    public Path directory() { return dir; }

    /**
     * A PKCS12 key store with one key entry (alias {@code commonName}): a certificate for {@code CN=commonName},
     * signed by the CA, valid for the given DNS names and IP addresses, chained to the CA.
     */
    public Path keyStore(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        try {
            KeyPair keys = newKeyPair();
            X509Certificate cert = certificate(commonName, keys.getPublic(), caName, caKeys.getPrivate(), false, dnsNames,
                    ipAddresses);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(commonName, keys.getPrivate(), password.toCharArray(), new Certificate[] {cert, ca});
            return store(ks, commonName.replaceAll("[^A-Za-z0-9._-]", "_") + ".p12");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a certificate for " + commonName, e);
        }
    }

    /** A key store for a server on this machine: {@code localhost} and {@code 127.0.0.1}. */
    public Path localhostKeyStore(String commonName) {
        return keyStore(commonName, List.of("localhost"), List.of("127.0.0.1"));
    }

    /** The CA certificate in PEM, for clients that read PEM trust files. */
    public Path caPem() {
        Path pem = dir.resolve("ca.pem");
        try {
            if (!Files.exists(pem)) {
                Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
            }
            return pem;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path store(KeyStore ks, String name) throws IOException, GeneralSecurityException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    @Override
    public void close() {
        EmbeddedKafkaBroker.deleteRecursively(dir);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    // ------------------------------------------------------------------------------------------ X.509 in DER

    private static final String EC_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";

    static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey, boolean ca,
                                       List<String> dnsNames, List<String> ipAddresses)
            throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        List<byte[]> extensions = new ArrayList<>();
        if (ca) {
            extensions.add(seq(oid(BASIC_CONSTRAINTS), bool(true), octets(seq(bool(true)))));
            // keyCertSign and cRLSign: bits 5 and 6, one unused bit
            extensions.add(seq(oid(KEY_USAGE), bool(true), octets(tlv(0x03, new byte[] {0x01, 0x06}))));
        } else {
            extensions.add(seq(oid(BASIC_CONSTRAINTS), bool(true), octets(seq())));
        }
        if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
            List<byte[]> names = new ArrayList<>();
            for (String dns : dnsNames) names.add(tlv(0x82, dns.getBytes(StandardCharsets.US_ASCII)));
            for (String ip : ipAddresses) names.add(tlv(0x87, InetAddress.getByName(ip).getAddress()));
            extensions.add(seq(oid(SUBJECT_ALT_NAME), octets(seq(names.toArray(byte[][]::new)))));
        }
        byte[] algorithm = seq(oid(EC_WITH_SHA256));
        byte[] tbs = seq(
                tlv(0xA0, integer(BigInteger.valueOf(2))),
                integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                algorithm,
                name(issuer),
                seq(time(now.minus(Duration.ofHours(1))), time(now.plus(VALIDITY))),
                name(subject),
                key.getEncoded(),
                tlv(0xA3, seq(extensions.toArray(byte[][]::new))));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] der = seq(tbs, algorithm, bitString(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der));
    }

    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(oid(COMMON_NAME), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant t) {
        String s = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(t);
        return tlv(0x17, s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger v) { return tlv(0x02, v.toByteArray()); }

    private static byte[] bool(boolean b) { return tlv(0x01, new byte[] {(byte) (b ? 0xFF : 0x00)}); }

    private static byte[] octets(byte[] content) { return tlv(0x04, content); }

    private static byte[] bitString(byte[] content) {
        byte[] b = new byte[content.length + 1];
        System.arraycopy(content, 0, b, 1, content.length);
        return tlv(0x03, b);
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long v = Long.parseLong(arcs[i]);
            int shift = 63 - Long.numberOfLeadingZeros(v | 1);
            for (int s = shift / 7 * 7; s > 0; s -= 7) out.write((int) (0x80 | ((v >>> s) & 0x7F)));
            out.write((int) (v & 0x7F));
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) { return tlv(0x30, parts); }

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) content.writeBytes(p);
        int n = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 6);
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
