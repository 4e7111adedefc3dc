package cn.scenext.core.internal.webhook;

import cn.scenext.api.exception.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC-SHA256 keys of a verifier or signer: the secrets as UTF-8, never printed. Immutable. */
public final class HmacKeys {
    static final String ALGORITHM = "HmacSHA256";
    public static final int SIGNATURE_BYTES = 32;

    private final List<SecretKeySpec> keys;

    private HmacKeys(List<SecretKeySpec> keys) {
        this.keys = keys;
    }

    /**
     * Keys for the given secrets.
     *
     * @throws ConfigurationException when there is no secret, one is empty, or the JDK lacks HMAC-SHA256
     */
    public static HmacKeys of(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new ConfigurationException("A webhook verifier needs at least one secret: your Scenext API key.");
        }
        List<SecretKeySpec> keys = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            if (secret.isEmpty()) {
                throw new ConfigurationException("A webhook secret must not be empty.");
            }
            keys.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        }
        HmacKeys result = new HmacKeys(Collections.unmodifiableList(keys));
        result.newMacs(); // fail at build time, not on the first delivery
        return result;
    }

    int size() {
        return keys.size();
    }

    /** One initialized MAC per key, in order. */
    public Mac[] newMacs() {
        Mac[] macs = new Mac[keys.size()];
        try {
            for (int i = 0; i < macs.length; i++) {
                macs[i] = Mac.getInstance(ALGORITHM);
                macs[i].init(keys.get(i));
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("This JVM offers no " + ALGORITHM + ", which webhook signatures need.", e);
        }
        return macs;
    }

    @Override
    public String toString() {
        return keys.size() + (keys.size() == 1 ? " secret" : " secrets");
    }
}
