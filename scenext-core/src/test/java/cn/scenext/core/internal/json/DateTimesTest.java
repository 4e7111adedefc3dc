package cn.scenext.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

public class DateTimesTest {

    /** What the SDK did before the direct path: the general parsers only. */
    private static OffsetDateTime generalParser(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    @Test
    void readsTheServicesOwnFormDirectly() {
        assertThat(DateTimes.parseCommonForm("2025-08-12T07:00:02+08:00"))
                .isEqualTo(OffsetDateTime.of(2025, 8, 12, 7, 0, 2, 0, ZoneOffset.ofHours(8)));
        assertThat(DateTimes.parseCommonForm("2025-08-12T07:00:02.5Z"))
                .isEqualTo(OffsetDateTime.of(2025, 8, 12, 7, 0, 2, 500_000_000, ZoneOffset.UTC));
        assertThat(DateTimes.parseCommonForm("2025-08-12T07:00:02.000000001-05:30"))
                .isEqualTo(OffsetDateTime.of(2025, 8, 12, 7, 0, 2, 1, ZoneOffset.ofHoursMinutes(-5, -30)));
    }

    @Test
    void leavesEveryOtherFormToTheGeneralParser() {
        for (String s : Arrays.asList("2025-08-12T07:00+08:00", "2025-08-12t07:00:02z", "2025-08-12T07:00:02",
                "2025-08-12T07:00:02+08:00:30", "2025-08-12T07:00:02.+08:00", "2025-08-12T07:00:02.1234567890Z",
                "2025-02-30T07:00:02Z", "2025-08-12T24:00:00Z", "2025-08-12T07:00:60Z", "2025-08-12T07:00:02+18:30",
                "+12025-08-12T07:00:02Z", "2025-08-12T07:00:02+0800")) {
            assertThat(DateTimes.parseCommonForm(s)).as(s).isNull();
        }
    }

    @Test
    void agreesWithTheGeneralParserOnEveryInput() {
        List<String> inputs = new ArrayList<>(Arrays.asList(null, "", " ", "yesterday", "2025-08-12",
                "2025-08-12 07:00:02", " 2025-08-12T07:00:02+08:00 ", "2025-08-12T07:00:02-00:00",
                "2024-02-29T23:59:59.999999999+18:00", "2023-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
                "2025-08-12T07:00:02Z", "2025-08-12T07:00:02.1Z", "2025-08-12T07:00:02+08:60",
                "2025-08-12T07:00:02+19:00", "2025-13-01T00:00:00Z", "2025-08-12T07:00:02+08:00x",
                "2025-08-12T07:00:02.123+08:00"));
        Random random = new Random(20250812);
        String alphabet = "0123456789-:T+Z.z ";
        for (int i = 0; i < 5_000; i++) {
            char[] s = "2025-08-12T07:00:02.5+08:00".toCharArray();
            for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                s[random.nextInt(s.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            inputs.add(new String(s, 0, 19 + random.nextInt(s.length - 18)));
            inputs.add(String.format("%04d-%02d-%02dT%02d:%02d:%02d%s", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextBoolean() ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                            random.nextInt(20), random.nextInt(62))));
        }
        for (String s : inputs) {
            assertThat(DateTimes.parse(s)).as("%s", s).isEqualTo(generalParser(s));
        }
    }
}
