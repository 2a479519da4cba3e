package org.momentumlab.probe;

/**
 * A per-step measurement. The trainer calls {@link #observe} on the probe schedule; a probe reads
 * the context and writes metrics, and never changes the trajectory (it must not modify the
 * parameters, the optimizer state or the gradient it is given).
 */
public interface Probe {
    void observe(ProbeContext context, MetricTable out);
}
