package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunLabel;

/** The progress lines a log file gets: step, epoch for runs that count epochs, loss, and an ETA from this process's own steps. */
class ProgressPrinterTest {

    @Test
    void showsTheEpochOfRunsThatCountEpochs() {
        StringWriter s = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(s, true), false, new ResultLayout(List.of("optimizer"), List.of(), List.of(), ""));
        p.runStarted(0, 2, RunLabel.of("optimizer", "sgdm"), 0, 30);
        p.stepsPerEpoch(10);
        p.step(30, 30, 0.5); // the last step is always printed
        p.runStarted(1, 2, RunLabel.of("optimizer", "gd"), 0, 30);
        p.step(11, 30, 0.25);
        p.step(30, 30, 0.125);
        List<String> lines = s.toString().lines().toList();
        assertEquals("run 1/2 sgdm seed 0: step 30/30 epoch 3/3 loss 0.5000 ETA 0s", lines.get(0));
        assertEquals("run 2/2 gd seed 0: step 30/30 loss 0.1250 ETA 0s", lines.get(1)); // the next run counts no epochs
        assertEquals(2, lines.size());
    }

    @Test
    void aSweepsProgressSaysTheTimeLeftFromItsPace() {
        assertEquals(", about 90 s left", SweepCommand.eta(1, 10, 10.0));
        assertEquals(", about 4 min 30 s left", SweepCommand.eta(2, 20, 30.0));
        assertEquals("", SweepCommand.eta(5, 5, 12.0)); // the last one: nothing left
    }
}
