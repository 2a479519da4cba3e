package org.momentumlab.train;

import org.momentumlab.util.Check;

/**
 * When probes run: every {@code every} steps (0 = never by this rule) and/or at log-spaced steps,
 * {@code perDecade} points per decade (0 = none): step 0 and the steps round(10^(i/perDecade)),
 * i = 0, 1, 2, .... The first and the last step of a run are always probed by the trainer.
 *
 * @param every     probe every k steps; 0 disables
 * @param perDecade log-spaced points per decade of steps; 0 disables
 */
public record ProbeSchedule(long every, int perDecade) {

    public ProbeSchedule {
        Check.atLeast("probe.every", every, 0);
        Check.atLeast("probe.per_decade", perDecade, 0);
    }

    /** Probe every k steps. */
    public static ProbeSchedule every(long k) {
        return new ProbeSchedule(k, 0);
    }

    /**
     * The first step after {@code step} at which a probe is due ({@link Long#MAX_VALUE} if none):
     * the trainer asks this once per probe instead of testing every step.
     */
    public long nextAfter(long step) {
        long next = Long.MAX_VALUE;
        if (every > 0) {
            next = (step / every + 1) * every;
        }
        if (perDecade > 0) {
            long k = Math.max(0, (long) Math.floor(perDecade * Math.log10(Math.max(1, step))) - 2);
            while (true) {
                long s = Math.round(Math.pow(10, (double) k / perDecade));
                if (s > step) {
                    next = Math.min(next, s);
                    break;
                }
                k++;
            }
        }
        return next;
    }

    /** Whether a probe is due at {@code step} by this schedule. */
    public boolean due(long step) {
        if (step == 0) {
            return true;
        }
        if (every > 0 && step % every == 0) {
            return true;
        }
        if (perDecade > 0) {
            long i = Math.round(perDecade * Math.log10(step));
            for (long k = i - 1; k <= i + 1; k++) {
                if (k >= 0 && Math.round(Math.pow(10, (double) k / perDecade)) == step) {
                    return true;
                }
            }
        }
        return false;
    }
}
