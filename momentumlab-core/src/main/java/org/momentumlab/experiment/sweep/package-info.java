/**
 * Sweeps: a spec's {@code sweep.grid} × seeds expanded into tasks with deterministic ids
 * ({@link org.momentumlab.experiment.sweep.SweepPlan}), executed by a pluggable
 * {@link org.momentumlab.experiment.sweep.SweepExecutor} (a local thread pool today), each finished
 * task a run directory renamed into place when complete, so a re-run resumes
 * ({@link org.momentumlab.experiment.sweep.SweepDirectory}).
 */
package org.momentumlab.experiment.sweep;
