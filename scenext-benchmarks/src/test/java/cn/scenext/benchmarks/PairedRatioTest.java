package cn.scenext.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedRatioTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, PairedRatio.median(new double[] {5, 1, 3}));
        assertEquals(2.5, PairedRatio.median(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, PairedRatio.median(new double[] {7}));
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.median(new double[0]));
    }

    @Test
    void medianLeavesItsInputAlone() {
        double[] values = {3, 1, 2};
        PairedRatio.median(values);
        assertEquals(3.0, values[0]);
    }

    @Test
    void percentileInterpolatesBetweenNeighbours() {
        double[] sorted = {10, 20, 30, 40, 50};
        assertEquals(10.0, PairedRatio.percentile(sorted, 0));
        assertEquals(50.0, PairedRatio.percentile(sorted, 1));
        assertEquals(30.0, PairedRatio.percentile(sorted, 0.5));
        assertEquals(15.0, PairedRatio.percentile(sorted, 0.125), 1e-12);
    }

    @Test
    void identicalPairsGiveAZeroWidthInterval() {
        double[] same = new double[25];
        java.util.Arrays.fill(same, 1.25);
        PairedRatio.Estimate e = PairedRatio.of(same);
        assertEquals(new PairedRatio.Estimate(1.25, 1.25, 1.25, 25), e);
    }

    @Test
    void intervalHoldsTheMedianAndLiesWithinTheData() {
        double[] values = new double[41];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1.0 + i / 100.0; // 1.00 .. 1.40, median 1.20
        }
        PairedRatio.Estimate e = PairedRatio.of(values);
        assertEquals(1.20, e.value(), 1e-12);
        assertEquals(41, e.pairs());
        assertTrue(e.low() <= e.value() && e.value() <= e.high(), e.toString());
        assertTrue(e.low() >= 1.0 && e.high() <= 1.4, e.toString());
        // The median of 41 uniform pairs moves by about ±1.96 · 0.4 / (2 · sqrt(41)) · sqrt(3) ≈ ±0.1 at most.
        assertTrue(e.low() > 1.08 && e.high() < 1.32, e.toString());
        assertTrue(e.high() - e.low() > 0.02, e.toString());
    }

    @Test
    void sameInputSameInterval() {
        double[] values = {1.1, 0.9, 1.3, 1.0, 1.2, 1.05, 0.95, 1.15};
        assertEquals(PairedRatio.of(values), PairedRatio.of(values));
    }

    @Test
    void strataArePooledForTheMedianAndEachKeepsItsWeight() {
        double[] jvm1 = {1.0, 1.0, 1.0, 1.0, 1.0};
        double[] jvm2 = {2.0, 2.0, 2.0, 2.0, 2.0, 2.0};
        PairedRatio.Estimate e = PairedRatio.stratified(List.of(jvm1, jvm2, new double[0]));
        assertEquals(2.0, e.value());
        assertEquals(11, e.pairs());
        // Every resample keeps 5 ones and 6 twos, so the median never moves: a pooled bootstrap would move it.
        assertEquals(2.0, e.low());
        assertEquals(2.0, e.high());
    }

    @Test
    void noPairsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.stratified(List.of(new double[0])));
    }

    @Test
    void exactHasNoInterval() {
        assertEquals(new PairedRatio.Estimate(28, 28, 28, 1), PairedRatio.Estimate.exact(28));
    }
}
