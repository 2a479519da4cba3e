/**
 * Experiments: YAML specs with dotted-key overrides ({@link org.momentumlab.experiment.SpecTree}),
 * their typed, validated form ({@link org.momentumlab.experiment.PatchExperimentSpec}), the runner
 * (one data set and one W⁰ per seed, every optimizer from the same W⁰), and the run directory
 * (spec.yaml, provenance.json, metrics.csv, summary.json, figures/), written atomically.
 */
package org.momentumlab.experiment;
