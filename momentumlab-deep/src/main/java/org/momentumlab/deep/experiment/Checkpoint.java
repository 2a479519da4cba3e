package org.momentumlab.deep.experiment;

import java.io.DataInput;
import java.io.IOException;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.optim.Stepper;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.train.TrainingResult;

/**
 * What an image-classifier run saves at the end of an epoch (θ, the optimizer's state, the step and
 * epoch, the last loss, the rows so far), or once finished (its rows and result only). The batch
 * order is not saved: it is drawn again from the seed up to the saved step.
 *
 * @param result  null while the run goes on
 * @param buffers the network's state outside θ (batch normalisation's running averages; empty if none), null once finished
 */
record Checkpoint(int epoch, long step, double lastLoss, MetricTable table, TrainingResult result, double[] buffers) {

    /** Saves a run in progress at the end of {@code c.epoch()}. */
    static void save(RunContext context, RunLabel label, long seed, Checkpoint c, double[] theta, Stepper stepper) {
        context.checkpoints().save(label, seed, out -> {
            out.writeBoolean(false);
            out.writeInt(c.epoch);
            out.writeLong(c.step);
            out.writeLong(Double.doubleToRawLongBits(c.lastLoss));
            c.table.write(out);
            out.writeInt(theta.length);
            for (double v : theta) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
            stepper.save(out);
            out.writeInt(c.buffers.length);
            for (double v : c.buffers) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
        });
    }

    /** Saves a finished run: its rows and result. */
    static void finished(RunContext context, RunLabel label, long seed, MetricTable table, TrainingResult result) {
        context.checkpoints().save(label, seed, out -> {
            out.writeBoolean(true);
            out.writeLong(result.steps());
            out.writeUTF(result.reason().name());
            out.writeLong(result.divergedAtStep());
            out.writeLong(Double.doubleToRawLongBits(result.finalLoss()));
            table.write(out);
        });
    }

    /** Reads a checkpoint; a run in progress also sets {@code theta} and {@code stepper}. */
    static Checkpoint read(DataInput in, double[] theta, Stepper stepper) throws IOException {
        if (in.readBoolean()) {
            long steps = in.readLong();
            TrainingResult.StopReason reason;
            try {
                reason = TrainingResult.StopReason.valueOf(in.readUTF());
            } catch (IllegalArgumentException e) {
                throw new IOException("an unknown stop reason");
            }
            long divergedAt = in.readLong();
            double finalLoss = Double.longBitsToDouble(in.readLong());
            return new Checkpoint(-1, steps, finalLoss, MetricTable.read(in), new TrainingResult(steps, reason, divergedAt, finalLoss), null);
        }
        int epoch = in.readInt();
        long step = in.readLong();
        double last = Double.longBitsToDouble(in.readLong());
        MetricTable table = MetricTable.read(in);
        int n = in.readInt();
        if (n != theta.length) {
            throw new IOException("a checkpoint of " + n + " parameters for a network of " + theta.length);
        }
        for (int i = 0; i < n; i++) {
            theta[i] = Double.longBitsToDouble(in.readLong());
        }
        stepper.restore(in);
        double[] buffers = new double[in.readInt()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = Double.longBitsToDouble(in.readLong());
        }
        return new Checkpoint(epoch, step, last, table, null, buffers);
    }
}
