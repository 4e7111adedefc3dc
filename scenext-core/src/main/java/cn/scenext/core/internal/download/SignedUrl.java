package cn.scenext.core.internal.download;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Reads the expiry of an object store's signed URL ({@code ...?OSSAccessKeyId=..&Expires=<unix seconds>&...}). */
public final class SignedUrl {
    /** A URL this close to its expiry is treated as expired: the request would race the store's clock. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private SignedUrl() {
    }

    /**
     * Whether a URL's {@code Expires} has passed, or is within {@link #MARGIN} of now.
     *
     * @param url the signed URL
     * @param clock the wall clock
     * @return {@code false} too when the URL carries no readable {@code Expires}
     */
    static boolean isExpired(URI url, Clock clock) {
        long expires = expiresEpochSecond(url);
        return expires >= 0 && expires <= clock.instant().plus(MARGIN).getEpochSecond();
    }

    /**
     * Whether a URL's {@code Expires} has passed, with no margin: the store refuses it by now.
     *
     * @param url the signed URL
     * @param clock the wall clock
     * @return {@code false} too when the URL carries no readable {@code Expires}
     */
    static boolean hasPassed(URI url, Clock clock) {
        long expires = expiresEpochSecond(url);
        return expires >= 0 && expires <= clock.instant().getEpochSecond();
    }

    /** The {@code Expires} query parameter, or -1 when there is none (or it is not a number). */
    static long expiresEpochSecond(URI url) {
        String query = url.getRawQuery();
        if (query == null) {
            return -1;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("Expires=")) {
                try {
                    return Long.parseLong(pair.substring("Expires=".length()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
