package org.momentumlab.experiment;

import org.momentumlab.probe.MetricTable;

/**
 * Where measured metrics go as they are measured (the run directory's journal), so that a run
 * that is interrupted or fails keeps what it measured. Called from the experiment's thread.
 */
public interface MetricSink {
    /** Rows {@code [from, to)} of the table of the run (label, seed) are complete. */
    void rows(RunLabel label, long seed, MetricTable table, int from, int to);

    /** The run finished (its rows have all been passed on). */
    void finished(RunSeries run);

    MetricSink NONE = new MetricSink() {
        @Override
        public void rows(RunLabel label, long seed, MetricTable table, int from, int to) {
        }

        @Override
        public void finished(RunSeries run) {
        }
    };
}
