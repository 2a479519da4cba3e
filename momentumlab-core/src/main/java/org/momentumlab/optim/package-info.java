/**
 * Update rules in the style of Optax, with explicit state and in-place buffers.
 *
 * <p>A {@link org.momentumlab.optim.GradientTransformation} is a pair {@code init(n) -> state} and
 * {@code update(u, state, θ)}, which rewrites the update vector {@code u} in place (it enters as the
 * gradient and leaves as the step to add to θ). Named optimizers ({@link org.momentumlab.optim.Optimizers})
 * are {@link org.momentumlab.optim.Chain}s of small pieces (weight decay, EMA / trace / torch momentum
 * buffers, scaling by a {@link org.momentumlab.optim.Schedule}), plus two literal forms kept for exact
 * comparison: Polyak's heavy ball on positions and Sutskever's Nesterov with a look-ahead point. A
 * {@link org.momentumlab.optim.Stepper} binds an optimizer to one parameter vector for the training loop.
 * Tests prove the forms equal each other exactly where the algebra says they should. Nothing on the
 * per-step path ({@code update}, {@code step}) allocates.
 */
package org.momentumlab.optim;
