package cn.scenext.core.internal.canonical;

import cn.scenext.core.webhook.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's {@code repr(float)}, checked against {@code float-repr.txt} written by Python itself. */
public class PythonFloatsTest {
    private static List<String[]> pythonReprs() throws IOException {
        List<String[]> lines = new ArrayList<>();
        byte[] data = TestData.resource("float-repr.txt");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(data),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line.split(" "));
            }
        }
        return lines;
    }

    private static double fromBits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    @Test
    void reprMatchesPythonForEveryDoubleInTheSet() throws IOException {
        List<String[]> lines = pythonReprs();
        List<String> mismatches = new ArrayList<>();
        for (String[] line : lines) {
            String repr = PythonFloats.repr(fromBits(line[0]));
            if (!repr.equals(line[1])) {
                mismatches.add(line[0] + ": python " + line[1] + ", java " + repr);
            }
        }
        assertThat(lines).hasSizeGreaterThan(10_000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void pythonsReprReadAsALiteralIsItsOwnCanonicalForm() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (String[] line : pythonReprs()) {
            String canonical = CanonicalJson.canonicalize(line[1]);
            if (!canonical.equals(line[1])) {
                mismatches.add(line[1] + " -> " + canonical);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void seventeenDigitAndExactLiteralsCanonicalizeToPythonsRepr() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (String[] line : pythonReprs()) {
            double d = fromBits(line[0]);
            if (Double.isInfinite(d)) {
                continue;
            }
            String seventeen = String.format(Locale.ROOT, "%.16e", d);
            String exact = Math.abs(d) < 1e30 && Math.abs(d) > 1e-30 // BigDecimal has no -0
                    ? new BigDecimal(d).toPlainString() + (d == Math.rint(d) ? ".0" : "") : seventeen;
            for (String literal : new String[] {seventeen, exact}) {
                String canonical = CanonicalJson.canonicalize(literal);
                if (!canonical.equals(line[1])) {
                    mismatches.add(literal + " -> " + canonical + ", python " + line[1]);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1", "1.5, 1.5", "1e-07, 1e-07", "1e+22, 1e+22", "-0.0, -0.0", "100.0, 100.0",
        "3.141592653589793, 3.141592653589793", "2.5e-05, 2.5e-05", "1.2345678901234568e+17, 1.2345678901234568e+17",
        "1E5, 100000.0", "1e16, 1e+16", "9999999999999998.0, 9999999999999998.0", "1e-4, 0.0001", "1e-5, 1e-05",
        "0.00009999, 9.999e-05", "5e-324, 5e-324", "4.9e-324, 5e-324", "2e-324, 0.0", "-2e-324, -0.0",
        "1e400, Infinity", "-1e400, -Infinity", "1e-400, 0.0", "-0e5, -0.0", "0.000, 0.0", "1.7976931348623157e308,"
                + " 1.7976931348623157e+308", "2.2250738585072014e-308, 2.2250738585072014e-308",
        "123456789012345678901234567890.0, 1.2345678901234568e+29", "0.30000000000000004, 0.30000000000000004",
        "1.00000000000000000000001, 1.0", "1e0000000000000000000000022, 1e+22", "1e-99999999999, 0.0",
        "1e99999999999, Infinity", "12.50e1, 125.0", "2e23, 2e+23",
        // Written by Python 3.11 (json.dumps(json.loads(literal))): 19 digits past Long.MAX_VALUE, exact and
        // near halfway decimals, exponents far out of range, the subnormal and overflow edges.
        "967513406972742016.0, 9.67513406972742e+17", "9675134069727420160.0, 9.67513406972742e+18",
        "99999999999999999999.0, 1e+20", "4503599627370496.5, 4503599627370496.0",
        "4503599627370497.5, 4503599627370498.0", "4503599627370496.50000000000000000001, 4503599627370497.0",
        "1.5e-9999999999999, 0.0", "1.5e99999999999999, Infinity", "4.9406564584124654e-324, 5e-324",
        "2.4703282292062328e-324, 5e-324", "2.4703282292062327e-324, 0.0", "1e23, 1e+23", "8.41e21, 8.41e+21",
        "1.7976931348623158e308, 1.7976931348623157e+308", "1.7976931348623159e308, Infinity"
    })
    void literalsCanonicalizeLikePython(String literal, String python) {
        assertThat(CanonicalJson.canonicalize(literal)).isEqualTo(python);
    }

    @Test
    void aLiteralOfAThousandDigitsIsReadWithoutItsLengthMattering() {
        // Python 3.11: json.dumps(json.loads("0." + "3" * 1200 + "e-300")) == "3.3333333333333334e-301"
        StringBuilder literal = new StringBuilder("0.");
        for (int i = 0; i < 1200; i++) {
            literal.append('3');
        }
        assertThat(CanonicalJson.canonicalize(literal.append("e-300").toString())).isEqualTo("3.3333333333333334e-301");
    }
}
