package cn.scenext.core.internal.canonical;

import java.util.Arrays;

/**
 * The members of the objects the {@link CanonicalWriter} is inside, and their reordering by key: for each member
 * written, where its key lies among the writer's key bytes and where the member ({@code "key": value}) lies in
 * the canonical output; at an object's end, when its members were not in key order already, they are sorted
 * (stable: insertion sort for a few, merge sort beyond) and moved into that order in place, the comma and space
 * rewritten between them, each repeated key keeping only its last member, as Python's {@code json.loads} keeps
 * it. The members of the objects around form a stack below; one object's are taken off at its end. Reusable,
 * not thread-safe; its arrays grow to the widest object seen, until {@link #shrink}.
 */
final class MemberSorter {
    private static final int INSERTION_SORT_MAX = 24;

    private byte[] reorder = new byte[1024];
    private int[] keyStarts = new int[32];
    private int[] keyEnds = new int[32];
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int[] order = new int[32];
    private int[] mergeBuffer = new int[0];
    /** The members recorded, of all the objects open: the next one's index. */
    private int top;
    /**
     * The top-level object's members in canonical order, as {@code [start, end)} pairs of positions in the output,
     * when {@link #end} left them where they were written; {@link #rangeCount} pairs of them.
     */
    private int[] ranges = new int[16];
    /** How many pairs {@link #ranges} holds; -1 when the output is in canonical order as it stands. */
    private int rangeCount = -1;

    /** Forgets every member, for a new document. */
    void reset() {
        top = 0;
        rangeCount = -1;
    }

    /** Lets go of arrays that one large input made large. */
    void shrink() {
        if (reorder.length > 64 * 1024) {
            reorder = new byte[1024];
        }
        if (ranges.length > 4096) {
            ranges = new int[16];
        }
        if (starts.length > 4096) {
            keyStarts = new int[32];
            keyEnds = new int[32];
            starts = new int[32];
            ends = new int[32];
            order = new int[32];
            mergeBuffer = new int[0];
        }
    }

    /** Where the next object's members start: the value to give {@link #end} for it. */
    int top() {
        return top;
    }

    /**
     * Records one member of the innermost object.
     *
     * @param keyStart where its key starts among the key bytes
     * @param keyEnd where its key ends among the key bytes
     * @param start where the member starts in the output (at its key's opening quote)
     * @param end where the member ends in the output (after its value)
     */
    void push(int keyStart, int keyEnd, int start, int end) {
        if (top == starts.length) {
            int size = top * 2;
            keyStarts = Arrays.copyOf(keyStarts, size);
            keyEnds = Arrays.copyOf(keyEnds, size);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
        }
        keyStarts[top] = keyStart;
        keyEnds[top] = keyEnd;
        starts[top] = start;
        ends[top] = end;
        top++;
    }

    /**
     * Ends the innermost object, whose members were recorded from {@code base} on: puts them in key order in
     * {@code out} and takes them off the stack.
     *
     * @param base the {@link #top} when the object started
     * @param keyBytes the keys, as {@link KeyOrder} compares them
     * @param out the canonical output, the object's members at its end
     * @param leaveAbove the span in bytes beyond which members out of order are left where they are and their
     *     canonical order recorded in {@link #ranges()} instead of being moved: for the top-level object only, whose
     *     bytes nothing after it moves, so that a large body's members are neither copied out nor back
     * @return where the object's first key started among the key bytes, i.e. how many of them the objects
     *     around still use; {@code -1} when the object was empty
     */
    int end(int base, byte[] keyBytes, ByteSink out, int leaveAbove) {
        int n = top - base;
        if (n > 1) {
            sortMembers(keyBytes, base, n, out, leaveAbove);
        }
        top = base;
        return n > 0 ? keyStarts[base] : -1;
    }

    /**
     * The top-level object's members in canonical order, {@code [start, end)} pairs of output positions, when
     * {@link #end} left them in place; valid up to {@link #rangeCount()} pairs.
     */
    int[] ranges() {
        return ranges;
    }

    /** How many member pairs {@link #ranges()} holds, or -1 when the output is in canonical order as written. */
    int rangeCount() {
        return rangeCount;
    }

    private int compareKeys(byte[] keys, int i, int j) {
        return KeyOrder.compare(keys, keyStarts[i], keyEnds[i], keyStarts[j], keyEnds[j]);
    }

    /** Puts the members {@code [base, base + n)}, written in document order, in key order; drops repeated keys. */
    private void sortMembers(byte[] keys, int base, int n, ByteSink out, int leaveAbove) {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = compareKeys(keys, base + i - 1, base + i) < 0;
        }
        if (sorted) {
            return;
        }
        int[] idx = sortedOrder(keys, base, n);
        int regionStart = starts[base];
        int regionLength = ends[base + n - 1] - regionStart;
        if (regionLength > leaveAbove) {
            recordRanges(keys, base, n, idx);
            return;
        }
        if (reorder.length < regionLength) {
            reorder = new byte[Math.max(regionLength, reorder.length * 2)];
        }
        System.arraycopy(out.buf, regionStart, reorder, 0, regionLength);
        int at = regionStart;
        boolean first = true;
        for (int k = 0; k < n; k++) {
            int i = base + idx[k];
            if (k + 1 < n && compareKeys(keys, i, base + idx[k + 1]) == 0) {
                continue; // the same key again later in the document: that value wins
            }
            if (!first) {
                out.buf[at++] = ',';
                out.buf[at++] = ' ';
            }
            first = false;
            int length = ends[i] - starts[i];
            System.arraycopy(reorder, starts[i] - regionStart, out.buf, at, length);
            at += length;
        }
        out.size = at;
    }

    /** Records the members' canonical order in {@link #ranges}, each repeated key's last member only. */
    private void recordRanges(byte[] keys, int base, int n, int[] idx) {
        if (ranges.length < 2 * n) {
            ranges = new int[Math.max(2 * n, ranges.length * 2)];
        }
        int count = 0;
        for (int k = 0; k < n; k++) {
            int i = base + idx[k];
            if (k + 1 < n && compareKeys(keys, i, base + idx[k + 1]) == 0) {
                continue; // the same key again later in the document: that value wins
            }
            ranges[2 * count] = starts[i];
            ranges[2 * count + 1] = ends[i];
            count++;
        }
        rangeCount = count;
    }

    /** Member indexes {@code 0..n-1} in stable key order. */
    private int[] sortedOrder(byte[] keys, int base, int n) {
        if (order.length < n) {
            order = new int[Math.max(n, order.length * 2)];
        }
        int[] idx = order;
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n <= INSERTION_SORT_MAX) {
            for (int i = 1; i < n; i++) {
                int v = idx[i];
                int j = i - 1;
                while (j >= 0 && compareKeys(keys, base + idx[j], base + v) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
        } else {
            if (mergeBuffer.length < n) {
                mergeBuffer = new int[n];
            }
            mergeSort(keys, base, idx, mergeBuffer, 0, n);
        }
        return idx;
    }

    private void mergeSort(byte[] keys, int base, int[] a, int[] tmp, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(keys, base, a, tmp, from, mid);
        mergeSort(keys, base, a, tmp, mid, to);
        if (compareKeys(keys, base + a[mid - 1], base + a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && compareKeys(keys, base + tmp[i], base + tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
