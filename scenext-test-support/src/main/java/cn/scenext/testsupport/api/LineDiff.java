package cn.scenext.testsupport.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines that differ between two texts, as hunks of a unified diff ({@code -} for a line only in the first
 * text, {@code +} for one only in the second, two lines of context around each change).
 */
public final class LineDiff {
    private static final int CONTEXT = 2;

    private LineDiff() {
    }

    /**
     * The differing lines of two texts, or an empty string when they are equal.
     *
     * @param expected the first text (the checked-in one)
     * @param actual the second text (the one just computed)
     * @param maxLines the most output lines to give; the rest is summarized in one line
     * @return the hunks, each line ending in {@code \n}
     */
    public static String between(List<String> expected, List<String> actual, int maxLines) {
        int prefix = 0;
        while (prefix < expected.size() && prefix < actual.size()
                && expected.get(prefix).equals(actual.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < expected.size() - prefix && suffix < actual.size() - prefix
                && expected.get(expected.size() - 1 - suffix).equals(actual.get(actual.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> a = expected.subList(prefix, expected.size() - suffix);
        List<String> b = actual.subList(prefix, actual.size() - suffix);
        if (a.isEmpty() && b.isEmpty()) {
            return "";
        }
        // Edit script from the longest common subsequence of the differing middle.
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            edits.add(new Edit(' ', expected.get(k), k, k));
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), prefix + i++, prefix + j++));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), prefix + i++, prefix + j));
            } else {
                edits.add(new Edit('+', b.get(j), prefix + i, prefix + j++));
            }
        }
        for (int k = 0; k < suffix; k++) {
            edits.add(new Edit(' ', expected.get(expected.size() - suffix + k), expected.size() - suffix + k,
                    actual.size() - suffix + k));
        }
        return hunks(edits, maxLines);
    }

    private static String hunks(List<Edit> edits, int maxLines) {
        boolean[] shown = new boolean[edits.size()];
        for (int k = 0; k < edits.size(); k++) {
            if (edits.get(k).kind != ' ') {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(edits.size() - 1, k + CONTEXT); c++) {
                    shown[c] = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < edits.size(); k++) {
            if (!shown[k]) {
                continue;
            }
            if (k == 0 || !shown[k - 1]) {
                out.add("@@ listing line " + (edits.get(k).expectedLine + 1) + ", computed line "
                        + (edits.get(k).actualLine + 1) + " @@");
            }
            out.add(edits.get(k).kind + " " + edits.get(k).line);
        }
        StringBuilder s = new StringBuilder();
        for (int n = 0; n < out.size(); n++) {
            if (n == maxLines) {
                s.append("... and ").append(out.size() - maxLines).append(" more lines of difference\n");
                break;
            }
            s.append(out.get(n)).append('\n');
        }
        return s.toString();
    }

    private static final class Edit {
        final char kind;
        final String line;
        final int expectedLine;
        final int actualLine;

        Edit(char kind, String line, int expectedLine, int actualLine) {
            this.kind = kind;
            this.line = line;
            this.expectedLine = expectedLine;
            this.actualLine = actualLine;
        }
    }
}
