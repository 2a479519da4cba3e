package org.momentumlab.model;

/**
 * A finite sum f(x) = (1/n) Σ_i f_i(x) whose gradient is evaluated component by component: the
 * full gradient is (1/n) Σ_i ∇f_i(x) summed in index order, and a mini-batch B gives
 * (1/|B|) Σ_{i∈B} ∇f_i(x) in batch order, so the stochastic gradient of one uniformly drawn
 * component is unbiased and its mean over all components equals the full gradient bit for bit.
 * Subclasses give one component's value and gradient (and the Hessian-vector product).
 */
public abstract class ComponentObjective implements MiniBatchObjective {
    private final double[] scratch;

    protected ComponentObjective(int dimension) {
        this.scratch = new double[dimension];
    }

    /** f_i(x); adds ∇f_i(x) to {@code gradAcc}. */
    protected abstract double addComponent(int i, double[] x, double[] gradAcc);

    /** The dense Hessian ∇²f(x) into {@code out} (d × d): by default from d Hessian-vector products. */
    public void hessian(double[] x, double[][] out) {
        double[] e = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            e[j] = 1;
            hessianVectorProduct(x, e, out[j]);
            e[j] = 0;
        }
    }

    /** f_i(x), with ∇f_i(x) written to {@code grad}. */
    public double componentValueAndGradient(int i, double[] x, double[] grad) {
        java.util.Arrays.fill(grad, 0.0);
        return addComponent(i, x, grad);
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        java.util.Arrays.fill(grad, 0.0);
        double v = 0;
        int n = exampleCount();
        for (int i = 0; i < n; i++) {
            v += addComponent(i, x, grad);
        }
        for (int j = 0; j < grad.length; j++) {
            grad[j] /= n;
        }
        return v / n;
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad, int[] indices, int from, int to) {
        java.util.Arrays.fill(grad, 0.0);
        double v = 0;
        for (int k = from; k < to; k++) {
            v += addComponent(indices[k], x, grad);
        }
        int b = to - from;
        for (int j = 0; j < grad.length; j++) {
            grad[j] /= b;
        }
        return v / b;
    }

    @Override
    public double value(double[] x) {
        double v = 0;
        int n = exampleCount();
        java.util.Arrays.fill(scratch, 0.0);
        for (int i = 0; i < n; i++) {
            v += addComponent(i, x, scratch);
        }
        return v / n;
    }
}
