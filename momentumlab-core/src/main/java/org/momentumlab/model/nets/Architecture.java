package org.momentumlab.model.nets;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The network families of the Gaussian teacher-student experiment of Jelassi &amp; Li, "Towards
 * understanding how momentum improves generalization in deep learning" (ICML 2022), Table 1: a
 * linear model, k-MLP (k hidden ReLU layers) and k-CNN (k ReLU 1-D convolution layers, then a
 * linear read-out). The spec name ({@link #id()}) is what specs and reports spell.
 */
public enum Architecture {
    /** f(x) = wᵀx + b. */
    LINEAR("linear", 0, false),
    /** f(x) = aᵀ relu(W x + c) + b. */
    MLP1("1-mlp", 1, false),
    /** Two hidden ReLU layers, then a linear read-out. */
    MLP2("2-mlp", 2, false),
    /** One ReLU convolution layer, then a linear read-out over all (channel, position) features. */
    CNN1("1-cnn", 1, true),
    /** Two ReLU convolution layers, then a linear read-out. */
    CNN2("2-cnn", 2, true);

    private final String id;
    private final int hiddenLayers;
    private final boolean convolutional;

    Architecture(String id, int hiddenLayers, boolean convolutional) {
        this.id = id;
        this.hiddenLayers = hiddenLayers;
        this.convolutional = convolutional;
    }

    /** The spec name: linear, 1-mlp, 2-mlp, 1-cnn or 2-cnn. */
    public String id() {
        return id;
    }

    /** Number of hidden (ReLU) layers: 0, 1 or 2. */
    public int hiddenLayers() {
        return hiddenLayers;
    }

    /** Whether the hidden layers are convolutions (else fully connected). */
    public boolean convolutional() {
        return convolutional;
    }

    /**
     * The architecture spelled {@code name} (case-insensitive).
     *
     * @param field the spec field, for the message, e.g. {@code student.arch}
     * @throws IllegalArgumentException naming the field, the value and the allowed names
     */
    public static Architecture parse(String field, String name) {
        for (Architecture a : values()) {
            if (a.id.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException(field + " = \"" + name + "\" is not allowed: must be one of " + names());
    }

    /** "linear, 1-mlp, 2-mlp, 1-cnn, 2-cnn". */
    public static String names() {
        return Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
