package cn.scenext.api;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Credits a task consumed, as reported once it ended. Type {@value #SCORE} is the credit balance.
 */
public final class Consumption {
    /** The type of the entries that count credits. */
    public static final String SCORE = "score";

    private final String type;
    private final BigDecimal value;
    private final String detail;

    private Consumption(String type, BigDecimal value, String detail) {
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
        this.detail = detail;
    }

    /**
     * Creates an entry.
     *
     * @param type what was consumed, e.g. {@value #SCORE}
     * @param value how much
     * @param detail the service's explanation, or {@code null}
     * @return the entry
     */
    public static Consumption of(String type, BigDecimal value, String detail) {
        return new Consumption(type, value, detail);
    }

    /**
     * What was consumed.
     *
     * @return the type, e.g. {@value #SCORE}
     */
    public String type() {
        return type;
    }

    /**
     * How much was consumed, exactly as the service reported it.
     *
     * @return the amount
     */
    public BigDecimal value() {
        return value;
    }

    /**
     * The service's explanation.
     *
     * @return e.g. {@code Generate video analysis deduction}, or empty
     */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Consumption)) {
            return false;
        }
        Consumption that = (Consumption) o;
        return type.equals(that.type) && value.compareTo(that.value) == 0 && Objects.equals(detail, that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, value.signum(), detail); // a full hash of the value costs as it is long
    }

    @Override
    public String toString() {
        return "Consumption{type=" + type + ", value=" + format(value) + ", detail=" + detail + '}';
    }

    /**
     * A value as plain digits when that is short, else in scientific notation: {@code 1E+999999999} is not
     * written out as a billion digits.
     */
    static String format(BigDecimal value) {
        boolean shortPlain = value.unscaledValue().bitLength() <= 400 && Math.abs((long) value.scale()) <= 100;
        return shortPlain ? value.toPlainString() : value.toString();
    }
}
