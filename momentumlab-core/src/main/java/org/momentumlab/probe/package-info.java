/**
 * Per-step measurements. A {@link org.momentumlab.probe.Probe} reads a
 * {@link org.momentumlab.probe.ProbeContext} (iterate, optimizer state, full loss and gradient) and
 * writes named metrics into a {@link org.momentumlab.probe.MetricTable}; it never changes the
 * trajectory. The Jelassi &amp; Li probes track accuracy per margin group, ν₁/ν₂, the signal
 * ⟨w_r, w*⟩, noise memorization Ξ and the projections of gradient and momentum on w*.
 */
package org.momentumlab.probe;
