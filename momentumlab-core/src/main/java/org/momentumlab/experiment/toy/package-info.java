/** Kind {@code toy}: Ghosh et al.'s two-parameter toy, which minimum heavy ball picks as β grows (preset {@code igr-toy}). */
package org.momentumlab.experiment.toy;
