/**
 * Networks on the engine as core objectives over a flat θ: the parameters as engine arrays and as
 * one float64 vector ({@link org.momentumlab.deep.train.FlatParameters}), so the core's optimizers,
 * trainer and probes drive them with exactly the core's update rules.
 */
package org.momentumlab.deep.train;
