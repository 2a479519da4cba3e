/**
 * Kind {@code saddle-escape}: how fast stochastic momentum leaves a strict saddle (Wang, Lin &amp;
 * Abernethy, ICLR 2020), on their objective (3) and on phase retrieval (4), with escape times over
 * many seeds (presets {@code saddle-escape}, {@code phase-retrieval} and their {@code -quick} variants).
 */
package org.momentumlab.experiment.saddle;
