/**
 * Kind {@code patch-cnn}: Jelassi &amp; Li's patch data (D) and two-layer cubic CNN, GD against GD
 * with momentum from the same initialization, with the paper's theory quantities probed
 * (presets {@code momentum-vs-gd}, {@code momentum-vs-gd-quick}).
 */
package org.momentumlab.experiment.patch;
