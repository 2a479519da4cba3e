/** Kind {@code sgdm-flow}: SGD with momentum against Ghosh et al.'s historical-sum flow, and momentum's variance reduction (preset {@code sgdm-flow}). */
package org.momentumlab.experiment.sgdmflow;
