package org.momentumlab.optim;

import static org.momentumlab.optim.ScheduleTest.assertMessage;

import org.junit.jupiter.api.Test;

/** Arguments of the named optimizers and transformations: messages name the field, value and range. */
class ValidationTest {
    static final Schedule LR = Schedule.constant(0.1);

    @Test
    void momentumCoefficientsMustBeInUnitInterval() {
        assertMessage("gamma = 1.0 is out of range: must be in [0, 1)", () -> Optimizers.gdMomentum(LR, 1.0));
        assertMessage("gamma = -0.1 is out of range: must be in [0, 1)", () -> Optimizers.gdMomentum(LR, -0.1));
        assertMessage("beta = 1.0 is out of range: must be in [0, 1)", () -> Optimizers.heavyBall(LR, 1.0));
        assertMessage("momentum = 1.5 is out of range: must be in [0, 1)", () -> Optimizers.torchSgd(LR, 1.5, 0, false, 0));
        assertMessage("momentum = 1.0 is out of range: must be in [0, 1)", () -> Optimizers.optaxSgd(LR, 1.0, false));
        assertMessage("mu = 1.0 is out of range: must be in [0, 1)", () -> Optimizers.sutskeverNesterov(LR, 1.0));
        assertMessage("gamma = NaN is not a finite number", () -> Optimizers.gdMomentum(LR, Double.NaN));
    }

    @Test
    void torchArguments() {
        assertMessage("dampening = 1.5 is out of range: must be in [0, 1]", () -> Optimizers.torchSgd(LR, 0.9, 1.5, false, 0));
        assertMessage("weightDecay = -1.0 is out of range: must be >= 0", () -> Optimizers.torchSgd(LR, 0.9, 0, false, -1));
        assertMessage("nesterov = true requires momentum > 0 and dampening = 0, got momentum = 0.9, dampening = 0.1",
                () -> Optimizers.torchSgd(LR, 0.9, 0.1, true, 0));
        assertMessage("nesterov = true requires momentum > 0 and dampening = 0, got momentum = 0.0, dampening = 0.0",
                () -> Optimizers.torchSgd(LR, 0, 0, true, 0));
        assertMessage("nesterov = true requires momentum > 0 and dampening = 0, got momentum = 0.9, dampening = 0.5",
                () -> new TorchMomentum(0.9, 0.5, true));
    }

    @Test
    void schedulesAreRequired() {
        String message = "lr = null is not allowed: a value is required";
        assertMessage(message, () -> Optimizers.gd(null));
        assertMessage(message, () -> Optimizers.gdMomentum(null, 0.9));
        assertMessage(message, () -> Optimizers.torchSgd(null, 0.9, 0, false, 0));
        assertMessage(message, () -> Optimizers.optaxSgd(null, 0.9, false));
        assertMessage(message, () -> Optimizers.sutskeverNesterov(null, 0.9));
        assertMessage(message, () -> new ScaleBySchedule(null));
        assertMessage("h = null is not allowed: a value is required", () -> Optimizers.heavyBall(null, 0.9));
    }

    @Test
    void transformationArguments() {
        assertMessage("decay = 1.5 is out of range: must be in [0, 1]", () -> new Ema(1.5));
        assertMessage("decay = -1.0 is out of range: must be >= 0", () -> new Trace(-1, false));
        assertMessage("weightDecay = -0.5 is out of range: must be >= 0", () -> new AddDecayedWeights(-0.5));
        assertMessage("parts[1] = null is not allowed: a value is required", () -> new Chain(new Ema(0.5), null));
        assertMessage("name = \" \" is not allowed: must not be blank", () -> new Optimizer(" ", new Ema(0.5)));
        assertMessage("transform = null is not allowed: a value is required", () -> new Optimizer("x", null));
    }

    @Test
    void stepperChecksLengths() {
        Stepper stepper = Optimizers.gd(LR).start(3);
        assertMessage("grad.length = 2 does not match the optimizer's dimension 3", () -> stepper.step(new double[3], new double[2]));
        assertMessage("params.length = 4 does not match the optimizer's dimension 3", () -> stepper.step(new double[4], new double[3]));
        assertMessage("dimension = 0 is out of range: must be >= 1", () -> Optimizers.gd(LR).start(0));
    }
}
