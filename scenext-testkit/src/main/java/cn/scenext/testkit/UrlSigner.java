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
 */
final class UrlSigner {
    static final String ACCESS_KEY_ID = "SIMULATORKEY";

    private final byte[] secret = new byte[32];
    private volatile int generation;

    UrlSigner() {
        new SecureRandom().nextBytes(secret);
    }

    String query(String path, long expiresEpochSeconds) {
        return "OSSAccessKeyId=" + ACCESS_KEY_ID + "&Expires=" + expiresEpochSeconds + "&Signature="
                + percentEncode(signature(path, expiresEpochSeconds, generation));
    }

    boolean isValid(String path, long expiresEpochSeconds, String signature) {
        byte[] expected = signature(path, expiresEpochSeconds, generation).getBytes(StandardCharsets.UTF_8);
        return signature != null && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    void revokeAll() {
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
