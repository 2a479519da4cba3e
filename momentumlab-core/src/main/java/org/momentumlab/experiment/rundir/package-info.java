/**
 * The run directory, owned here and nowhere else ({@link org.momentumlab.experiment.rundir.RunDirectory}):
 * written by {@link org.momentumlab.experiment.rundir.RunWriter} (staging directory, metrics streamed
 * as they are measured, atomic completion, or kept marked incomplete) and read back by
 * {@link org.momentumlab.experiment.rundir.RunRecord}, which is all a report or {@code mlab diff} reads.
 */
package org.momentumlab.experiment.rundir;
