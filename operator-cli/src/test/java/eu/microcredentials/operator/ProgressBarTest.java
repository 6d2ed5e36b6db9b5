package eu.microcredentials.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void fillsInProportionToTheEventsDoneAndShowsRateAndEta() {
        assertEquals("[#####.....]  50%  500/1000 events  250/s  ETA 2s", ProgressBar.render(500, 1000, 250.0, 2L, 10));
    }

    @Test
    void aFinishedRebuildIsFullAndHasNoEta() {
        assertEquals("[##########] 100%  1000/1000 events  900/s", ProgressBar.render(1000, 1000, 900.0, null, 10));
    }

    @Test
    void anEmptyTopicCountsAsDone() {
        assertEquals("[####] 100%  0/0 events  0/s", ProgressBar.render(0, 0, 0.0, null, 4));
    }
}
