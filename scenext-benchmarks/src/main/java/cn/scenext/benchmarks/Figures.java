package cn.scenext.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The programs' JSON lines: figures by name, written and read with Jackson. */
final class Figures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Figures() {
    }

    /** One line of JSON of the figures, in their order. */
    static String toJson(Map<String, ?> figures) {
        try {
            return JSON.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line of JSON read back into figures by name. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fromJson(String line) {
        try {
            return JSON.readValue(line, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value rounded to {@code digits} decimals, for printing. */
    static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }
}
