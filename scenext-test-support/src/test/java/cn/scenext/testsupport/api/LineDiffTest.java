package cn.scenext.testsupport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void equalTextsHaveNoDifference() {
        assertThat(LineDiff.between(List.of("a", "b"), List.of("a", "b"), 10)).isEmpty();
    }

    @Test
    void showsEachChangeWithTwoLinesOfContextAndWhereItIs() {
        List<String> before = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        List<String> after = new ArrayList<>(before);
        after.set(2, "three");
        after.add(10, "ten and a half");

        assertThat(LineDiff.between(before, after, 100)).isEqualTo("""
                @@ listing line 1, computed line 1 @@
                  1
                  2
                - 3
                + three
                  4
                  5
                @@ listing line 9, computed line 9 @@
                  9
                  10
                + ten and a half
                  11
                  12
                """);
    }

    @Test
    void removedLinesAtTheEndAreShown() {
        assertThat(LineDiff.between(List.of("a", "b", "c"), List.of("a"), 100)).isEqualTo("""
                @@ listing line 1, computed line 1 @@
                  a
                - b
                - c
                """);
    }

    @Test
    void longDifferencesAreCutWithACount() {
        List<String> none = List.of();
        String diff = LineDiff.between(none, List.of("a", "b", "c", "d", "e"), 3);
        assertThat(diff).isEqualTo("""
                @@ listing line 1, computed line 1 @@
                + a
                + b
                ... and 3 more lines of difference
                """);
    }
}
