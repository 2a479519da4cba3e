package org.momentumlab.deep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One hidden ReLU layer and a linear read-out, f = aᵀ relu(Wx + c) + b, with θ in the layout of the
 * core's {@code 1-mlp} ({@link org.momentumlab.model.nets.Network}): [W (h×d) | c (h) | a (h) | b],
 * so the two implementations can be compared on the same θ.
 */
public record Mlp1(int inputs, int width) implements DeepNetwork {

    @Override
    public List<Shape> parameterShapes() {
        return List.of(new Shape(width, inputs), new Shape(width), new Shape(width, 1), new Shape(1));
    }

    /** The core 1-MLP's initialisation, on the same θ layout. */
    @Override
    public void initialize(double[] theta, java.util.SplittableRandom rng) {
        new org.momentumlab.model.nets.Network(org.momentumlab.model.nets.ArchSpec.mlp1(width), inputs).initialize(theta, rng);
    }

    @Override
    public NDArray forward(List<NDArray> p, NDArray x) {
        NDArray h = x.matMul(p.get(0).transpose()).add(p.get(1)).maximum(0);
        return h.matMul(p.get(2)).add(p.get(3));
    }
}
