/**
 * Figures (PNG and SVG, XChart with VectorGraphics2D) and tables drawn from run records only: a
 * report never trains, so {@code mlab report} can re-draw any finished run directory.
 */
package org.momentumlab.report;
