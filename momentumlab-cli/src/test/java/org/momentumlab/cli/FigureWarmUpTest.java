package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.ExperimentListener;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;

class FigureWarmUpTest {

    /** Records what reaches the wrapped listener. */
    static final class Recording implements ExperimentListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void runStarted(int index, int total, RunLabel label, long seed, long steps) {
            calls.add("runStarted " + index);
        }

        @Override
        public void runsStarted(int index, int total, List<RunLabel> labels, long seed, long steps) {
            calls.add("runsStarted " + index + " " + labels.size());
        }

        @Override
        public void stepsPerEpoch(long steps) {
            calls.add("stepsPerEpoch " + steps);
        }

        @Override
        public void step(long step, long maxSteps, double loss) {
            calls.add("step " + step);
        }

        @Override
        public void runFinished(RunSeries run) {
            calls.add("runFinished");
        }
    }

    @Test
    void warmsUpAfterTheFirstHundredStepsAndPassesEverythingOn() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Recording inner = new Recording();
        try (FigureWarmUp warm = new FigureWarmUp(inner, ran::countDown, 600)) {
            ExperimentListener l = warm.listener();
            l.runsStarted(0, 2, List.of(), 1, 1000);
            l.stepsPerEpoch(10);
            l.step(99, 1000, 0.5);
            assertFalse(ran.await(200, TimeUnit.MILLISECONDS), "not before step 100");
            l.step(100, 1000, 0.5);
            assertTrue(ran.await(60, TimeUnit.SECONDS), "after step 100");
            assertEquals(List.of("runsStarted 0 0", "stepsPerEpoch 10", "step 99", "step 100"), inner.calls);
        }
    }

    @Test
    void warmsUpAfterTheFirstRunOrTheTimeLimitAndNeverAfterTheEnd() throws Exception {
        CountDownLatch afterRun = new CountDownLatch(1);
        try (FigureWarmUp warm = new FigureWarmUp(new Recording(), afterRun::countDown, 600)) {
            warm.listener().runFinished(null);
            assertTrue(afterRun.await(60, TimeUnit.SECONDS));
        }
        CountDownLatch afterLimit = new CountDownLatch(1);
        try (FigureWarmUp warm = new FigureWarmUp(new Recording(), afterLimit::countDown, 0)) {
            assertTrue(afterLimit.await(60, TimeUnit.SECONDS), "a time limit of 0 s starts it at once");
        }
        CountDownLatch never = new CountDownLatch(1);
        FigureWarmUp warm = new FigureWarmUp(new Recording(), never::countDown, 600);
        warm.close();
        warm.listener().step(500, 1000, 0.1);
        assertFalse(never.await(300, TimeUnit.MILLISECONDS), "the experiment ended first: nothing is warmed");
    }
}
