package org.momentumlab.data;

import java.util.Arrays;

/**
 * A finite sample of distribution (D), stored flat for fast kernels.
 *
 * <p>Example i occupies {@code patches()[i·P·d ... (i+1)·P·d)}, patch j of it the d entries from
 * {@code (i·P + j)·d}. Each example keeps its label (±1), margin group and signal position. The
 * arrays are owned by the data set and must not be modified by callers.
 */
public final class PatchDataset {
    private final int patchCount;
    private final int dim;
    private final double[] x;
    private final byte[] labels;
    private final MarginGroup[] groups;
    private final int[] signalPositions;
    private final double[] wStar;

    /** Wraps the given arrays (not copied). Checks that their lengths agree. */
    public PatchDataset(int patchCount, int dim, double[] x, byte[] labels, MarginGroup[] groups,
                        int[] signalPositions, double[] wStar) {
        int n = labels.length;
        if (x.length != (long) n * patchCount * dim || groups.length != n || signalPositions.length != n
                || wStar.length != dim) {
            throw new IllegalArgumentException("inconsistent data set shapes: x " + x.length + ", labels " + n
                    + ", groups " + groups.length + ", positions " + signalPositions.length + ", w* " + wStar.length
                    + " for P = " + patchCount + ", d = " + dim);
        }
        this.patchCount = patchCount;
        this.dim = dim;
        this.x = x;
        this.labels = labels;
        this.groups = groups;
        this.signalPositions = signalPositions;
        this.wStar = wStar;
    }

    public int size() {
        return labels.length;
    }

    public int patchCount() {
        return patchCount;
    }

    public int dim() {
        return dim;
    }

    /** The flat input array [N][P][d] (shared, do not modify). */
    public double[] patches() {
        return x;
    }

    /** Label of example i, +1 or −1. */
    public int label(int i) {
        return labels[i];
    }

    public MarginGroup group(int i) {
        return groups[i];
    }

    public int signalPosition(int i) {
        return signalPositions[i];
    }

    /** Offset of patch j of example i in {@link #patches()}. */
    public int offset(int i, int j) {
        return (i * patchCount + j) * dim;
    }

    /** The feature w* (shared, do not modify). */
    public double[] wStar() {
        return wStar;
    }

    /** Number of examples in group g. */
    public int count(MarginGroup g) {
        int c = 0;
        for (MarginGroup h : groups) {
            if (h == g) {
                c++;
            }
        }
        return c;
    }

    /** Indices of the examples of group g, in increasing order. */
    public int[] indicesOf(MarginGroup g) {
        int[] idx = new int[count(g)];
        int k = 0;
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == g) {
                idx[k++] = i;
            }
        }
        return idx;
    }

    /** A new data set holding the examples of group g only, in their original order (arrays copied). */
    public PatchDataset subset(MarginGroup g) {
        return select(indicesOf(g));
    }

    /** A new data set of the given examples, in the given order (arrays copied). */
    public PatchDataset select(int[] indices) {
        int stride = patchCount * dim;
        double[] nx = new double[indices.length * stride];
        byte[] ny = new byte[indices.length];
        MarginGroup[] ng = new MarginGroup[indices.length];
        int[] np = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(x, i * stride, nx, k * stride, stride);
            ny[k] = labels[i];
            ng[k] = groups[i];
            np[k] = signalPositions[i];
        }
        return new PatchDataset(patchCount, dim, nx, ny, ng, np, wStar);
    }

    @Override
    public String toString() {
        return "PatchDataset[N=" + size() + ", P=" + patchCount + ", d=" + dim + ", small=" + count(MarginGroup.SMALL)
                + ", w*=" + Arrays.toString(Arrays.copyOf(wStar, Math.min(3, dim))) + (dim > 3 ? "...]" : "]");
    }
}
