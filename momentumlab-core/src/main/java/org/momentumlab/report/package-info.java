/**
 * Tables, figures (PNG and SVG, XChart with VectorGraphics2D) and sweep aggregates, drawn from run
 * directories only ({@link org.momentumlab.experiment.rundir.RunRecord}) and laid out by each
 * directory's {@code layout.json}: a report never trains and never guesses from metric names, so
 * {@code mlab report} can re-draw any run directory of any kind.
 */
package org.momentumlab.report;
