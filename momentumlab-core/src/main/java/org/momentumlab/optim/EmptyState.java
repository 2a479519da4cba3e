package org.momentumlab.optim;

/** The state of a stateless transformation; see {@link TransformState#empty()}. */
enum EmptyState implements TransformState {
    INSTANCE
}
