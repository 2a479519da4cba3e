/**
 * The teacher and student networks of the Gaussian teacher-student experiment of Jelassi &amp; Li
 * (ICML 2022), Table 1: linear, 1-/2-hidden-layer ReLU MLPs and 1-/2-layer ReLU 1-D CNNs over a flat
 * parameter vector ({@link org.momentumlab.model.nets.ArchSpec},
 * {@link org.momentumlab.model.nets.Network}); their logistic training objective with hand-written
 * backpropagation, parallel over a fixed chunking of the examples so that results are bitwise
 * identical for any thread count ({@link org.momentumlab.model.nets.NetworkObjective}); and the
 * Gaussian data labelled by a teacher ({@link org.momentumlab.model.nets.GaussianTeacherData}).
 * Every architecture's gradient is checked against central finite differences.
 */
package org.momentumlab.model.nets;
