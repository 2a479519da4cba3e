/**
 * The training loop ({@link org.momentumlab.train.Trainer}): evaluation point, loss and gradient,
 * divergence check, probes on their schedule, optimizer update. Mini-batch order comes from a
 * seeded {@link org.momentumlab.train.BatchPlan}; stopping from a {@link org.momentumlab.train.StopRule}.
 * A NaN or infinite loss is a result (the step is reported), not an exception.
 */
package org.momentumlab.train;
