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
}
