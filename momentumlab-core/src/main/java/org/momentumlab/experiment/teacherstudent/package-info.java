/**
 * Kind {@code teacher-student}: Jelassi &amp; Li's negative control (Table 1), Gaussian inputs
 * labelled by a random teacher network, GD against GD+M on a student network (presets
 * {@code teacher-student}, {@code teacher-student-sgd}, run with {@code mlab sweep}).
 */
package org.momentumlab.experiment.teacherstudent;
