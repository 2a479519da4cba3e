package org.momentumlab.flow;

import org.momentumlab.model.Objective;

/** Which modified flow of heavy ball with step h and momentum β to compare the iterates against. */
public enum FlowOrder {
    /** {@link MomentumFlow}: x' = −∇E/(1−β), O(h) close to the iterates. */
    FIRST {
        @Override
        public ObjectiveFlow flow(Objective objective, double h, double beta) {
            return new MomentumFlow(objective, beta);
        }
    },
    /** {@link ModifiedMomentumFlow}: x' = −(1/(1−β))∇(E + h(1+β)/(4(1−β)²)‖∇E‖²), O(h²) close. */
    SECOND {
        @Override
        public ObjectiveFlow flow(Objective objective, double h, double beta) {
            return new ModifiedMomentumFlow(objective, h, beta);
        }
    };

    /** A fresh flow for step h &gt; 0 and β in [0, 1) (the first-order flow ignores h). */
    public abstract ObjectiveFlow flow(Objective objective, double h, double beta);
}
