/**
 * Experiments as plugins. An {@link org.momentumlab.experiment.ExperimentKind} owns its spec record,
 * presets, run plan, runs and result layout; kinds are found with {@link java.util.ServiceLoader}
 * ({@link org.momentumlab.experiment.ExperimentKinds}), so the command line, reports and sweeps never
 * name one. A spec is the {@link org.momentumlab.experiment.Header} every kind has plus the kind's
 * record ({@link org.momentumlab.experiment.Spec}); a kind runs inside a
 * {@link org.momentumlab.experiment.RunContext} that streams each run's rows to the run directory
 * ({@code rundir}) and its progress to the terminal. Sub-packages: {@code spec} (binding), one per
 * kind, {@code rundir} (the run-directory layout), {@code sweep} (grids, tasks, executors).
 */
package org.momentumlab.experiment;
