package org.momentumlab.experiment;

import java.util.List;

/**
 * An experiment kind: a plugin that owns its spec record, its presets, its run plan, how it runs,
 * and how its results are shown. Kinds are found with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/org.momentumlab.experiment.ExperimentKind}); the command line, reports and
 * sweeps never name a kind.
 *
 * <p>A spec of this kind is YAML: the {@link Header} fields, then the fields of {@code S}, a record
 * whose defaults are {@link #defaults()} and whose compact constructor validates (messages name the
 * fields relative to the record: {@code mu = 2.0 is out of range: must be in [0, 1]}).
 *
 * @param <S> the record of the kind's own spec fields
 */
public interface ExperimentKind<S extends Record> {

    /** The value of {@code experiment:} in specs, e.g. {@code patch-cnn}. */
    String id();

    /** The record the kind's spec fields bind to. */
    Class<S> specType();

    /** Every field's default value, written once. */
    S defaults();

    /** Names of the presets shipped with the kind ({@code /presets/NAME.yaml} next to the kind's class). */
    List<String> presets();

    /** Whether a spec without an {@code experiment:} field is of this kind (one kind says so). */
    default boolean isDefault() {
        return false;
    }

    /** Whether the kind's runs are deterministic (seed 0 only): one run is then an exact value, not one draw of many. */
    default boolean deterministic() {
        return false;
    }

    /** Refuses seeds the kind cannot use (a deterministic kind runs seed 0 only); message names {@code seeds}. */
    default void checkSeeds(List<Long> seeds) {
    }

    /** Checks a bound spec as a whole, beyond what its records check (e.g. that it has optimizers); messages name the keys. */
    default void check(Spec<S> spec) {
    }

    /**
     * Checks what this machine must provide to run the spec (data files, a device), once the spec
     * itself is valid; not called to describe a spec. Messages name the keys.
     */
    default void checkMachine(Spec<S> spec) {
    }

    /**
     * How many of this kind's runs one process can execute at once (a sweep runs at most that many in
     * parallel): unlimited by default; 1 for a kind on an engine with per-process state.
     */
    default int maxParallelRuns() {
        return Integer.MAX_VALUE;
    }

    /** What {@link #run} will run. */
    RunPlan plan(Spec<S> spec);

    /** The labels, table columns and figure panels of the results. */
    ResultLayout layout(Spec<S> spec);

    /** Runs every run of the spec, reporting each through {@code context} (results do not depend on its thread count). */
    void run(Spec<S> spec, RunContext context);
}
