/**
 * Modified flows of gradient descent and heavy-ball momentum, and the machinery that checks them
 * against the discrete iterates.
 *
 * <p>Heavy ball in Polyak's form x_{k+1} = x_k − h∇E(x_k) + β(x_k − x_{k−1}) (x_{−1} = x_0) stays,
 * at times t = kh on a fixed horizon [0, T], O(h) close to the flow x' = −∇E/(1−β)
 * ({@link org.momentumlab.flow.MomentumFlow}) and O(h²) close to
 * x' = −(1/(1−β))∇(E + h(1+β)/(4(1−β)²)‖∇E‖²) ({@link org.momentumlab.flow.ModifiedMomentumFlow};
 * Ghosh, Lyu, Zhang &amp; Wang, "Implicit regularization in heavy-ball momentum accelerated SGD",
 * ICLR 2023). For β = 0 the latter is Barrett &amp; Dherin's implicit-gradient-regularization flow
 * x' = −∇(E + (h/4)‖∇E‖²) (ICLR 2021). The O(h²) claim holds for iterates started with
 * x_{−1} = x_0 only when the flow starts from a shifted point ({@link org.momentumlab.flow.FlowStart}).
 *
 * <p>As in Hipparchus, problem, solver and observer are kept apart: the flows are
 * {@link org.hipparchus.ode.OrdinaryDifferentialEquation}s over any
 * {@link org.momentumlab.model.Objective}; {@link org.momentumlab.flow.FlowIntegrator} solves them
 * with Dormand–Prince 8(5,3) at tolerances far below the errors being measured;
 * {@link org.momentumlab.flow.TrajectoryComparison} and {@link org.momentumlab.flow.OrderCheck}
 * compare iterates with flows and estimate orders of accuracy by halving h.
 * {@link org.momentumlab.flow.Sharpness} gives the top Hessian eigenvalue by Lanczos on
 * Hessian-vector products.
 *
 * <p>SGD with momentum on mini-batch losses E_k: {@link org.momentumlab.flow.SgdmFlow} compares the
 * iterates with Ghosh et al.'s piecewise flow built on the history G_k = Σ_{r≤k} β^{k−r}E_r
 * (no start correction needed; measured order 2) over a {@link org.momentumlab.flow.BatchSequence}
 * such as {@link org.momentumlab.flow.LogisticBatches}; {@link org.momentumlab.flow.VarianceReduction}
 * estimates the covariance-trace ratio of (1−β)∇G_k to ∇E_k against (1−β)/(1+β).
 */
package org.momentumlab.flow;
