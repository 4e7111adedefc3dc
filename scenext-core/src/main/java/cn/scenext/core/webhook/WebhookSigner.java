package cn.scenext.core.webhook;

import cn.scenext.core.internal.canonical.CanonicalJson;
import cn.scenext.core.internal.webhook.Hex;
import cn.scenext.core.internal.webhook.HmacKeys;
import cn.scenext.api.exception.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * Signs webhook bodies as the service does: lowercase hex HMAC-SHA256, keyed with the API key, over the body's
 * {@link CanonicalJson canonical form}. For tests of your own receiver, and for fakes of the service; a
 * receiver needs only {@link WebhookVerifier}.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.of("sk-test");
 * String signature = signer.sign(body); // the X-Signature header value
 * }</pre>
 *
 * <p>Thread-safe. Its {@code toString} does not show the secret.
 */
public final class WebhookSigner {
    private final HmacKeys keys;

    private WebhookSigner(HmacKeys keys) {
        this.keys = keys;
    }

    /**
     * A signer for one secret.
     *
     * @param secret the API key
     * @return the signer
     * @throws cn.scenext.api.exception.ConfigurationException when the secret is empty
     */
    public static WebhookSigner of(String secret) {
        return new WebhookSigner(HmacKeys.of(Collections.singletonList(Objects.requireNonNull(secret, "secret"))));
    }

    /**
     * The signature of a body: over its canonical form, whatever the body's own key order, spacing and escaping.
     *
     * @param json the body, UTF-8 JSON
     * @return 64 lowercase hexadecimal characters
     * @throws WebhookVerificationException with reason {@code MALFORMED_BODY} when the body is not JSON
     */
    public String sign(byte[] json) {
        return signRaw(CanonicalJson.canonicalize(json));
    }

    /**
     * The signature of a body: over its canonical form.
     *
     * @param json the body
     * @return 64 lowercase hexadecimal characters
     * @throws WebhookVerificationException with reason {@code MALFORMED_BODY} when the body is not JSON
     */
    public String sign(String json) {
        return sign(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The signature of the exact bytes given, without canonicalizing them; the verifier accepts this too.
     *
     * @param bytes any bytes
     * @return 64 lowercase hexadecimal characters
     */
    public String signRaw(byte[] bytes) {
        Mac mac = keys.newMacs()[0];
        return Hex.encode(mac.doFinal(bytes));
    }

    @Override
    public String toString() {
        return "WebhookSigner{" + keys + '}';
    }
}
