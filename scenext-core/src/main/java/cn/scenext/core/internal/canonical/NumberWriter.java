package cn.scenext.core.internal.canonical;

import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;

/**
 * The numbers of the {@link CanonicalWriter}: reads one by the grammar of Python's {@code json}, {@code
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}, and writes it as {@code json.dumps} does: an integer copied
 * ({@code -0} as {@code 0}), of at most {@value #MAX_INTEGER_DIGITS} digits; a number with a fraction or an
 * exponent as Python's {@code repr(float)} (by {@link PythonFloats}). Stateless.
 */
final class NumberWriter {
    /** Python's default limit for the digits of an integer it reads ({@code sys.get_int_max_str_digits()}). */
    static final int MAX_INTEGER_DIGITS = 4300;
    /** Where an exponent read from a literal stops growing: far beyond any double, far within a long. */
    private static final long MAX_EXPONENT = 10_000_000_000L;

    private NumberWriter() {
    }

    /**
     * Writes the number at {@code start} to {@code out} and tells {@code parent} about it.
     *
     * @param b the input
     * @param start where the number starts (a digit or {@code -})
     * @param end where the input ends
     * @param digits scratch space of at least 20 bytes
     * @param out the canonical output
     * @param key the key under which the number is, {@code null} in an array
     * @param parent told about the number, or {@code null}
     * @return the position after the number
     * @throws cn.scenext.core.internal.json.MalformedJsonException when it is no JSON number, or too long an integer
     */
    static int write(byte[] b, int start, int end, byte[] digits, ByteSink out, String key, Capture parent) {
        int p = start;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        int intStart = p;
        if (p == end || !isDigit(b[p])) {
            throw CanonicalWriter.malformed("a number that is not JSON", start);
        }
        // The digits are read once: the first 19 significant ones into w (unsigned), whether any nonzero one
        // follows them, and the power of ten that w counts in.
        long w = 0;
        int held = 0; // significant digits in w, from the first nonzero one on
        int scale = 0; // w counts in units of 10^scale, before the exponent
        boolean tail = false; // a nonzero digit beyond the 19 held
        int first = p; // where the first significant digit is
        if (b[p] == '0') {
            p++; // a leading zero stands alone; a digit after it is extra data for the caller to refuse
        } else {
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (held < 19) {
                    w = w * 10 + d;
                    held++;
                } else {
                    scale++;
                    tail |= d != 0;
                }
                p++;
            }
        }
        int intEnd = p;
        int fracStart = p;
        int fracEnd = p;
        boolean floating = false;
        if (p < end && b[p] == '.') {
            fracStart = ++p;
            if (p == end || !isDigit(b[p])) {
                throw CanonicalWriter.malformed("a fraction without digits", p);
            }
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (held < 19) {
                    if (held != 0 || d != 0) {
                        if (held == 0) {
                            first = p;
                        }
                        w = w * 10 + d;
                        held++;
                    }
                    scale--;
                } else {
                    tail |= d != 0;
                }
                p++;
            }
            fracEnd = p;
            floating = true;
        }
        long exponent = 0;
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            boolean negativeExponent = p < end && b[p] == '-';
            if (p < end && (b[p] == '-' || b[p] == '+')) {
                p++;
            }
            if (p == end || !isDigit(b[p])) {
                throw CanonicalWriter.malformed("an exponent without digits", p);
            }
            while (p < end && isDigit(b[p])) {
                if (exponent < MAX_EXPONENT) { // beyond it the value is zero or infinite anyway: clamp
                    exponent = exponent * 10 + (b[p] - '0');
                }
                p++;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
            floating = true;
        }
        int length = p - start;
        JsonToken token;
        String literal;
        if (floating) {
            token = JsonToken.VALUE_NUMBER_FLOAT;
            int point = fracStart > intEnd ? intEnd : -1;
            if (!PythonFloats.writeDecimal(negative, w, held, scale + exponent, tail, b, first, point, out)) {
                PythonFloats.writeFloat(b, negative, intStart, intEnd, fracStart, fracEnd, exponent, digits, out);
            }
            literal = null;
        } else {
            token = JsonToken.VALUE_NUMBER_INT;
            if (intEnd - intStart > MAX_INTEGER_DIGITS) {
                throw CanonicalWriter.malformed("an integer of more than " + MAX_INTEGER_DIGITS + " digits", start);
            }
            if (length == 2 && b[start] == '-' && b[intStart] == '0') {
                out.write('0'); // Python reads -0 as the integer 0
                literal = "0";
            } else {
                out.write(b, start, length);
                literal = null;
            }
        }
        if (parent != null) {
            String textOfIt = null;
            if (parent.wantsText(key)) {
                textOfIt = literal != null ? literal : new String(b, start, length, StandardCharsets.US_ASCII);
            }
            parent.scalar(key, token, textOfIt);
        }
        return p;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
