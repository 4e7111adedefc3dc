package cn.scenext.api.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * HTTP header fields: names looked up without regard to case, each with one or more values in the order
 * received. Immutable. {@link #toString()} hides the values of credential headers.
 */
public final class HttpHeaders {
    private static final HttpHeaders EMPTY = new HttpHeaders(new String[0], true);

    /**
     * Name and value of each field, alternating, in the order added. A handful of fields is the rule, so a scan
     * beats hashing, and nothing is allocated to look a name up.
     */
    private final String[] namesAndValues;
    /** Whether every name is ASCII, as real ones are: then names compare without lower-casing anything. */
    private final boolean asciiNames;

    private HttpHeaders(String[] namesAndValues, boolean asciiNames) {
        this.namesAndValues = namesAndValues;
        this.asciiNames = asciiNames;
    }

    /**
     * No header at all.
     *
     * @return the empty headers
     */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /**
     * Starts a set of headers.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Headers from a map, e.g. one an HTTP library returned. Names differing only in case are merged.
     *
     * @param map names to values; {@code null} names (a status line, in some libraries) are skipped
     * @return the headers
     */
    public static HttpHeaders of(Map<String, ? extends List<String>> map) {
        Builder b = builder();
        for (Map.Entry<String, ? extends List<String>> e : map.entrySet()) {
            if (e.getKey() != null) {
                for (String v : e.getValue()) {
                    b.add(e.getKey(), v);
                }
            }
        }
        return b.build();
    }

    /**
     * The first value of a header.
     *
     * @param name the header's name, in any case
     * @return the first value, or empty when the header is absent
     */
    public Optional<String> firstValue(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? Optional.<String>empty() : Optional.of(namesAndValues[i + 1]);
    }

    /**
     * Every value of a header, in order.
     *
     * @param name the header's name, in any case
     * @return the values; empty when the header is absent
     */
    public List<String> allValues(String name) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return Collections.<String>emptyList();
        }
        int next = indexOf(name, first + 2);
        if (next < 0) {
            return Collections.singletonList(namesAndValues[first + 1]);
        }
        List<String> values = new ArrayList<>(4);
        for (int i = first; i >= 0; i = indexOf(name, i + 2)) {
            values.add(namesAndValues[i + 1]);
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * Whether a header is present.
     *
     * @param name the header's name, in any case
     * @return {@code true} when it has at least one value
     */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /**
     * The names present, each spelled as first added.
     *
     * @return the names, in the order added
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (isFirstOfItsName(i)) {
                names.add(namesAndValues[i]);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Passes every value to an action, header by header in the order of {@link #names()}, each header's values
     * in order, with the name spelled as first added: what a transport copies into its library's request.
     *
     * @param action receives each name and value
     */
    public void forEach(BiConsumer<String, String> action) {
        Objects.requireNonNull(action, "action");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!isFirstOfItsName(i)) {
                continue;
            }
            String name = namesAndValues[i];
            for (int j = i; j >= 0; j = indexOf(name, j + 2)) {
                action.accept(name, namesAndValues[j + 1]);
            }
        }
    }

    /**
     * The headers as a map, names spelled as first added.
     *
     * @return an unmodifiable map from name to values
     */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (isFirstOfItsName(i)) {
                map.put(namesAndValues[i], allValues(namesAndValues[i]));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Whether there is no header.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return namesAndValues.length == 0;
    }

    /**
     * A builder holding these headers, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(namesAndValues.length + 8);
        System.arraycopy(namesAndValues, 0, b.namesAndValues, 0, namesAndValues.length);
        b.size = namesAndValues.length;
        b.asciiNames = asciiNames;
        return b;
    }

    private boolean isFirstOfItsName(int i) {
        return indexOf(namesAndValues, i, asciiNames, namesAndValues[i], 0) < 0;
    }

    private int indexOf(String name, int from) {
        return indexOf(namesAndValues, namesAndValues.length, asciiNames, name, from);
    }

    /**
     * The index of the first field at or after {@code from} (and before {@code end}) with this name, or -1.
     * When the fields' names and this one are all ASCII, a differing length alone tells them apart.
     */
    private static int indexOf(String[] namesAndValues, int end, boolean asciiNames, String name, int from) {
        Objects.requireNonNull(name, "name");
        boolean ascii = asciiNames && isAscii(name);
        for (int i = from; i < end; i += 2) {
            if (matches(namesAndValues[i], name, ascii)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(String candidate, String name, boolean ascii) {
        return ascii ? sameAsciiName(candidate, name) : sameName(candidate, name);
    }

    private static boolean sameAsciiName(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0, n = a.length(); i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && lowerAscii(x) != lowerAscii(y)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether two names are equal once lower-cased in {@link Locale#ROOT}: compared in place for ASCII names (all
     * real ones), through {@link String#toLowerCase(Locale)} otherwise.
     */
    static boolean sameName(String a, String b) {
        if (a.length() == b.length()) {
            for (int i = 0, n = a.length(); i < n; i++) {
                char x = a.charAt(i);
                char y = b.charAt(i);
                if (x >= 0x80 || y >= 0x80) {
                    return key(a).equals(key(b));
                }
                if (x != y && lowerAscii(x) != lowerAscii(y)) {
                    return false;
                }
            }
            return true;
        }
        return !(isAscii(a) && isAscii(b)) && key(a).equals(key(b));
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String key(String name) {
        return Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a header carries a credential whose value must never be printed.
     *
     * @param name the header's name, in any case
     * @return {@code true} for {@code Authorization}, {@code Proxy-Authorization}, cookies and
     *     {@code X-Signature}
     */
    public static boolean isSensitive(String name) {
        String k = key(name);
        return k.equals("authorization") || k.equals("proxy-authorization") || k.equals("cookie")
                || k.equals("set-cookie") || k.equals("x-signature") || k.equals("x-api-key");
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof HttpHeaders && toLowerCaseMap().equals(((HttpHeaders) o).toLowerCaseMap()));
    }

    private Map<String, List<String>> toLowerCaseMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (isFirstOfItsName(i)) {
                map.put(key(namesAndValues[i]), allValues(namesAndValues[i]));
            }
        }
        return map;
    }

    @Override
    public int hashCode() {
        return toLowerCaseMap().hashCode();
    }

    /**
     * The headers, with the values of credential headers replaced by {@code [redacted]}.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!isFirstOfItsName(i)) {
                continue;
            }
            String name = namesAndValues[i];
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(name).append('=').append(isSensitive(name) ? "[redacted]" : allValues(name).toString());
        }
        return sb.append('}').toString();
    }

    /** Builds {@link HttpHeaders}. Not thread-safe. */
    public static final class Builder {
        private String[] namesAndValues;
        private int size;
        private boolean asciiNames = true;
        /** Whether {@link #namesAndValues} was handed to built headers: changed only after a copy. */
        private boolean shared;

        private Builder() {
            this(8);
        }

        private Builder(int capacity) {
            this.namesAndValues = new String[capacity];
        }

        /**
         * Adds a value to a header, keeping its earlier values.
         *
         * @param name the header's name
         * @param value the value
         * @return this builder
         */
        public Builder add(String name, String value) {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(name, "name");
            if (size + 2 > namesAndValues.length) {
                namesAndValues = Arrays.copyOf(namesAndValues, Math.max(8, namesAndValues.length * 2));
                shared = false;
            }
            namesAndValues[size++] = name;
            namesAndValues[size++] = value;
            asciiNames &= isAscii(name);
            return this;
        }

        /**
         * Sets a header to a single value, replacing any earlier values.
         *
         * @param name the header's name
         * @param value the value
         * @return this builder
         */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /**
         * Removes a header.
         *
         * @param name the header's name, in any case
         * @return this builder
         */
        public Builder remove(String name) {
            int first = indexOf(namesAndValues, size, asciiNames, name, 0);
            if (first < 0) {
                return this;
            }
            if (shared) {
                namesAndValues = namesAndValues.clone();
                shared = false;
            }
            boolean ascii = asciiNames && isAscii(name);
            int kept = first;
            for (int i = first + 2; i < size; i += 2) {
                if (!matches(namesAndValues[i], name, ascii)) {
                    namesAndValues[kept++] = namesAndValues[i];
                    namesAndValues[kept++] = namesAndValues[i + 1];
                }
            }
            Arrays.fill(namesAndValues, kept, size, null);
            size = kept;
            return this;
        }

        /**
         * Builds the headers.
         *
         * @return the headers
         */
        public HttpHeaders build() {
            if (size == 0) {
                return EMPTY;
            }
            if (size == namesAndValues.length) { // full: hand the array over; this builder copies before a change
                shared = true;
                return new HttpHeaders(namesAndValues, asciiNames);
            }
            return new HttpHeaders(Arrays.copyOf(namesAndValues, size), asciiNames);
        }
    }
}
