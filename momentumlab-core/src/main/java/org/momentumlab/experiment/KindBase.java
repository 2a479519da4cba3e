package org.momentumlab.experiment;

import java.util.List;

/**
 * The parts of an {@link ExperimentKind} that are data: its id, spec record, defaults and presets,
 * and whether it is deterministic (then it runs seed 0 only). A kind extends this and writes its
 * plan, layout and run.
 */
public abstract class KindBase<S extends Record> implements ExperimentKind<S> {
    private final String id;
    private final Class<S> specType;
    private final S defaults;
    private final List<String> presets;
    private final boolean deterministic;

    protected KindBase(String id, Class<S> specType, S defaults, List<String> presets, boolean deterministic) {
        this.id = id;
        this.specType = specType;
        this.defaults = defaults;
        this.presets = List.copyOf(presets);
        this.deterministic = deterministic;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Class<S> specType() {
        return specType;
    }

    @Override
    public final S defaults() {
        return defaults;
    }

    @Override
    public final List<String> presets() {
        return presets;
    }

    @Override
    public final boolean deterministic() {
        return deterministic;
    }

    @Override
    public void checkSeeds(List<Long> seeds) {
        if (deterministic && !seeds.equals(List.of(0L))) {
            throw new SpecException("seeds = " + seeds + " is not allowed: " + id + " is deterministic and runs seed 0 only (leave seeds out)");
        }
    }
}
