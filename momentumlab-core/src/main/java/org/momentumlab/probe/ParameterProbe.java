package org.momentumlab.probe;

/**
 * The parameters themselves, for low-dimensional problems: {@code w1 ... wn} (1-based, at most 10)
 * and {@code w_norm2} = ‖w‖².
 */
public final class ParameterProbe implements Probe {
    @Override
    public void observe(ProbeContext context, MetricTable out) {
        double[] w = context.params();
        double n2 = 0;
        for (int i = 0; i < w.length; i++) {
            if (i < 10) {
                out.put("w" + (i + 1), w[i]);
            }
            n2 += w[i] * w[i];
        }
        out.put("w_norm2", n2);
    }
}
