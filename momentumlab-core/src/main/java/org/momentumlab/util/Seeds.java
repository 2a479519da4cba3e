package org.momentumlab.util;

import java.util.SplittableRandom;

/**
 * Deterministic seed derivation: one root seed per run, split into independent named streams.
 *
 * <p>{@code stream(root, "data/train")} always returns the same generator for the same pair, on any
 * machine and thread count, and different names give statistically independent streams (the name's
 * 64-bit hash is mixed into the root by SplittableRandom's own mixing function).
 */
public final class Seeds {
    private Seeds() {
    }

    /** A generator for the component {@code name} of the run seeded by {@code root}. */
    public static SplittableRandom stream(long root, String name) {
        return new SplittableRandom(mix(root, name));
    }

    /** The 64-bit seed of the component {@code name} under {@code root}. */
    public static long mix(long root, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over UTF-16 code units
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(root ^ h).nextLong();
    }
}
