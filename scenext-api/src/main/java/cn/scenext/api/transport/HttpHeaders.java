package cn.scenext.api.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP header fields: names looked up without regard to case, each with one or more values in the order
 * received. Immutable. {@link #toString()} hides the values of credential headers.
 */
public final class HttpHeaders {
    private static final HttpHeaders EMPTY = new HttpHeaders(Collections.<String, Entry>emptyMap());

    /** Keyed by lower-case name; each entry keeps the name's first spelling. */
    private final Map<String, Entry> entries;

    private static final class Entry {
        final String name;
        final List<String> values;

        Entry(String name, List<String> values) {
            this.name = name;
            this.values = values;
        }
    }

    private HttpHeaders(Map<String, Entry> entries) {
        this.entries = entries;
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
        Entry e = entries.get(key(name));
        return e == null ? Optional.<String>empty() : Optional.of(e.values.get(0));
    }

    /**
     * Every value of a header, in order.
     *
     * @param name the header's name, in any case
     * @return the values; empty when the header is absent
     */
    public List<String> allValues(String name) {
        Entry e = entries.get(key(name));
        return e == null ? Collections.<String>emptyList() : e.values;
    }

    /**
     * Whether a header is present.
     *
     * @param name the header's name, in any case
     * @return {@code true} when it has at least one value
     */
    public boolean contains(String name) {
        return entries.containsKey(key(name));
    }

    /**
     * The names present, each spelled as first added.
     *
     * @return the names, in the order added
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : entries.values()) {
            names.add(e.name);
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * The headers as a map, names spelled as first added.
     *
     * @return an unmodifiable map from name to values
     */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            map.put(e.name, e.values);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Whether there is no header.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * A builder holding these headers, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            b.entries.put(e.getKey(), new Entry(e.getValue().name, new ArrayList<>(e.getValue().values)));
        }
        return b;
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
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            map.put(e.getKey(), e.getValue().values);
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
        for (Entry e : entries.values()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.name).append('=').append(isSensitive(e.name) ? "[redacted]" : e.values.toString());
        }
        return sb.append('}').toString();
    }

    /** Builds {@link HttpHeaders}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {
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
            String k = key(name);
            Entry e = entries.get(k);
            if (e == null) {
                List<String> values = new ArrayList<>(1);
                values.add(value);
                entries.put(k, new Entry(name, values));
            } else {
                e.values.add(value);
            }
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
            entries.remove(key(name));
            return this;
        }

        /**
         * Builds the headers.
         *
         * @return the headers
         */
        public HttpHeaders build() {
            if (entries.isEmpty()) {
                return EMPTY;
            }
            Map<String, Entry> copy = new LinkedHashMap<>(entries.size() * 2);
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                copy.put(e.getKey(), new Entry(e.getValue().name,
                        Collections.unmodifiableList(new ArrayList<>(e.getValue().values))));
            }
            return new HttpHeaders(copy);
        }
    }
}
