package cn.scenext.core.internal.download;

/** A {@code Content-Range: bytes start-end/total} header of a 206 response. */
public final class ContentRange {
    final long start;
    final long end;
    /** The full size, or -1 for {@code *}. */
    final long total;

    private ContentRange(long start, long end, long total) {
        this.start = start;
        this.end = end;
        this.total = total;
    }

    /**
     * Parses the header.
     *
     * @param value the header's value
     * @return the range, or {@code null} when the value is absent or not a valid byte range
     */
    static ContentRange parse(String value) {
        if (value == null || !value.trim().startsWith("bytes ")) {
            return null;
        }
        String spec = value.trim().substring("bytes ".length()).trim();
        int dash = spec.indexOf('-');
        int slash = spec.indexOf('/');
        if (dash <= 0 || slash < dash) {
            return null;
        }
        try {
            long start = Long.parseLong(spec.substring(0, dash).trim());
            long end = Long.parseLong(spec.substring(dash + 1, slash).trim());
            String t = spec.substring(slash + 1).trim();
            long total = t.equals("*") ? -1 : Long.parseLong(t);
            if (start < 0 || end < start || (total >= 0 && end >= total)) {
                return null;
            }
            return new ContentRange(start, end, total);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    long length() {
        return end - start + 1;
    }
}
