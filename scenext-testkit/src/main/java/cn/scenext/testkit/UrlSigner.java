package cn.scenext.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs object-store URLs the way the real store's look ({@code ?OSSAccessKeyId=..&Expires=..&Signature=..}).
 * Revoking bumps a generation that is part of every signature, so every URL handed out before stops working.
 * A URL can be signed as of an earlier instant (the generation then in force), as the real server's stored
 * URLs were signed when their file was produced.
 */
final class UrlSigner {
    static final String ACCESS_KEY_ID = "SIMULATORKEY";

    private final byte[] secret = new byte[32];
    private volatile int generation;
    /** When each revocation happened, on the simulator's clock, in order. */
    private final java.util.List<java.time.Instant> revocations = new java.util.concurrent.CopyOnWriteArrayList<>();

    UrlSigner() {
        new SecureRandom().nextBytes(secret);
    }

    String query(String path, long expiresEpochSeconds) {
        return query(path, expiresEpochSeconds, generation);
    }

    /** The query of a URL signed at an instant: revocations after it (or at it) make it refused. */
    String queryAsOf(String path, long expiresEpochSeconds, java.time.Instant signedAt) {
        int gen = 0;
        for (java.time.Instant r : revocations) {
            if (r.isBefore(signedAt)) {
                gen++;
            }
        }
        return query(path, expiresEpochSeconds, gen);
    }

    private String query(String path, long expiresEpochSeconds, int gen) {
        return "OSSAccessKeyId=" + ACCESS_KEY_ID + "&Expires=" + expiresEpochSeconds + "&Signature="
                + percentEncode(signature(path, expiresEpochSeconds, gen));
    }

    boolean isValid(String path, long expiresEpochSeconds, String signature) {
        byte[] expected = signature(path, expiresEpochSeconds, generation).getBytes(StandardCharsets.UTF_8);
        return signature != null && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    synchronized void revokeAll(java.time.Instant now) {
        revocations.add(now);
        generation++;
    }

    private String signature(String path, long expires, int gen) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((gen + "\n" + expires + "\n" + path).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest, 20));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String percentEncode(String s) {
        return s.replace("%", "%25").replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    }
}
