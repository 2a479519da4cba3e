package org.momentumlab.deep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** A network on the engine written as a function of its parameter arrays (so that θ is flat and owned by the caller). */
public interface DeepNetwork {
    /** The shapes of the parameter blocks, in θ order. */
    List<Shape> parameterShapes();

    /** Outputs for the batch {@code x} (first axis = examples): one column per class, or one column for a binary model. */
    NDArray forward(List<NDArray> params, NDArray x);

    /** Writes the network's initial parameters into θ, drawn from {@code rng}. */
    void initialize(double[] theta, java.util.SplittableRandom rng);

    /** Training mode (normalisations use batch statistics and update their running averages) or evaluation mode. */
    default void training(boolean on) {
    }

    /** State outside θ that training changes (batch normalisation's running means and variances), in a fixed order; empty if none. */
    default List<NDArray> buffers() {
        return List.of();
    }

    /** Creates that state, at its initial values, in {@code manager} in {@code type}. */
    default void createBuffers(ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType type) {
    }
}
