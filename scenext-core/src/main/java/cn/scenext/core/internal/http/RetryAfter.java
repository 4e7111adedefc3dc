package cn.scenext.core.internal.http;

import cn.scenext.api.transport.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads {@code Retry-After}: delay-seconds or an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * The wait a {@code Retry-After} header asks for.
     *
     * @param headers the response's headers
     * @param clock the wall clock, for HTTP dates
     * @return the wait (zero for a date in the past), or {@code null} when absent or unreadable
     */
    public static Duration parse(HttpHeaders headers, Clock clock) {
        String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null) {
            return null;
        }
        value = value.trim();
        if (value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L); // absurdly large: capped by the policy
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
