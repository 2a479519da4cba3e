package org.momentumlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.momentumlab.model.TwoParameterToy;
import org.momentumlab.probe.ParameterProbe;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.SharpnessProbe;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.train.StopRule;

/** Runs a {@link ToySpec}: every optimizer from the same start on the two-parameter toy. */
public final class ToyExperiment {
    private ToyExperiment() {
    }

    public static List<RunSeries> run(ToySpec spec, ExperimentListener listener) {
        TwoParameterToy toy = new TwoParameterToy(spec.x(), spec.y());
        List<Probe> probes = new ArrayList<>(List.of(new ParameterProbe()));
        if (spec.sharpness()) {
            probes.add(new SharpnessProbe());
        }
        List<RunSeries> out = new ArrayList<>();
        new SeedRuns(toy, new double[] {spec.w1(), spec.w2()}, 0, StopRule.steps(spec.steps()), 0,
                new ProbeSchedule(spec.probeEvery(), 20), probes, null).trainAll(spec.optimizers(), 0, spec.optimizers().size(), listener, out);
        return out;
    }
}
