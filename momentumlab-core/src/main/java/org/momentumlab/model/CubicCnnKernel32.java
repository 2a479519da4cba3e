// GENERATED FILE, DO NOT EDIT: generated from CubicCnnKernel64.java by
// org.momentumlab.model.KernelGenerator (momentumlab-core/src/test/java). Edit the float64 source
// (its "// f32:" and "//#if f32" markers hold the lines that differ here) and regenerate, from the
// repository root:
//   bin/mvn -B -q -pl momentumlab-core test -Dtest=KernelGeneratorTest -Dmlab.regenerate=true
// KernelGeneratorTest fails while this file differs from the generator's output.

package org.momentumlab.model;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.util.ComputePool;

/**
 * The float32 SIMD kernel of {@link CubicCnn}: the algorithm of {@link CubicCnnKernel64} with the
 * data, the weights (converted once per call) and the per-lane sums in float. Generated from
 * CubicCnnKernel64.java by KernelGenerator (see the header): edit the float64 source, not this file.
 *
 * <p>Layout: blocks of B = 16 examples stored as [block][j][k][lane] (entry k of patch j of example
 * b·16 + l at {@code PAD + ((b·P + j)·d + k)·16 + l}), processed as 16 / L vectors of the
 * hardware's L float lanes. s_rj, f, t = 3ℓ'·s² and the per-lane gradient accumulators are float;
 * the loss and ℓ'(f) of each example are computed in double from the float f
 * ({@link LogisticLanes}); at the end of a chunk the 16 lanes of each accumulator are converted to
 * double and added in lane order into the chunk's slot, and the slots are reduced in double.
 */
final class CubicCnnKernel32 extends CubicCnnKernel {
    static final int LANES = 16;
    private static final VectorSpecies<Float> S = species();
    private static final int L = S.length();
    private static final int VPB = LANES / L;
    /**
     * Whether a block is one vector: 512-bit vectors, which x86 (AVX-512) and SVE have 32 registers
     * of, so the forward pass can take the wide tile ({@link #forwardWide}).
     */
    static final boolean WIDE = VPB == 1;
    /** Patches per wide forward tile. */
    private static final int PT = 5;
    /**
     * Blocks per run: the forward pass of RUN blocks comes first, then the loss of all their lanes
     * (one {@link LogisticLanes} call per set, whose vectors overlap their latencies) and the scales t,
     * then the backward pass takes the run tile by tile, each tile's accumulators staying in registers
     * across the run's blocks (still in block order, so the sums are those of a block-by-block pass).
     * Eight blocks of the Figure 3 data (77 KB in float32) stay in L2 between the two passes.
     */
    static final int RUN = 8;

    /**
     * Entries before the first block. With the usual 16-byte array header, 16 + PAD·Float.BYTES = 64:
     * the blocks and workspaces are 64-byte aligned whenever the array itself starts at a 64-byte
     * boundary, as G1 places large arrays (aligned vector loads are markedly faster); otherwise
     * nothing changes.
     */
    static final int PAD = 12;
    /**
     * Unused entries at the end of each small per-thread array (128 bytes), so that arrays of
     * different threads, allocated one after the other, never share a cache line.
     */
    private static final int FALSE_SHARING_GAP = 32;
    /**
     * Loss-derivative coefficients 3ℓ'(f) below this in magnitude are set to exact zero, and so are the
     * scales t = 3ℓ'·s² below {@link #FLUSH_T}: once |y·f| &gt; ~550 the example's share of the gradient
     * would be a subnormal number, and multiplying by subnormals takes a slow microcode path on
     * Intel cores (40× slower per step on Figure 3 once the data are fit). A flushed share is below
     * 2^-890 per gradient entry, which cannot change an entry's bits unless the entry itself is tiny;
     * {@link #exactBelow()} recomputes those calls without flushing.
     */
    private static final float FLUSH_C = 0x1p-100f;
    /** See {@link #FLUSH_C}. */
    private static final float FLUSH_T = 0x1p-110f;

    /**
     * [PAD | blocked data | gap | one workspace per thread: accumulators per set, s (then t) per set and
     * block of a run, the gathered run, gap].
     */
    private final float[] mem;
    private final int accLen;
    private final int sLen;
    private final int workspaceBase;
    private final int workspaceStride;
    private final float[][] fBuf;
    private final float[][] cBuf;
    private final double[][] lossBuf;
    /**
     * Per worker, weight set and lane group: the blocks of the current run whose backward pass can add
     * anything, as a count followed by the block indices in order (RUN + 1 entries per set and lane
     * group). A block cannot add anything when every coefficient c of the group is exactly zero
     * (flushed) and every output f is finite: then every t·X is ±0, and adding ±0 never changes an
     * accumulator that started at +0 (it is never −0), so leaving the block out is exact. Once the data
     * are fit this leaves out most blocks. A list rather than a flag per block: the tiles loop over
     * it, so no branch in them is ever "never taken" while the JIT profiles the first steps, when
     * every block is live (C2 would compile such a branch as a trap and recompile the hot methods
     * from scratch once examples start to be fit).
     */
    private final int[][] liveBuf;
    private final double[][] gatherY;
    private final double[][] setLoss;
    private final float[][] w;
    private final double[][] f64Buf;
    private final double[][] c64Buf;

    CubicCnnKernel32(PatchDataset data, int neurons, ComputePool pool) {
        super(data, neurons, LANES, pool);
        int threads = pool.threads();
        this.accLen = md * LANES;
        this.sLen = m * p * LANES;
        // 2·B entries (128 bytes) between the data and each workspace: no cache line is written by two threads
        this.workspaceBase = Math.addExact(PAD + 2 * LANES, Math.multiplyExact(blockCount, blockSize));
        this.workspaceStride = MAX_SETS * accLen + RUN * MAX_SETS * sLen + RUN * blockSize + 2 * LANES;
        this.mem = new float[Math.addExact(workspaceBase, Math.multiplyExact(threads, workspaceStride))];
        double[] src = data.patches();
        int pd = p * d;
        for (int i = 0; i < n; i++) {
            int base = PAD + (i / LANES) * blockSize + i % LANES;
            for (int t = 0; t < pd; t++) {
                mem[base + t * LANES] = (float) src[i * pd + t];
            }
        }
        fBuf = new float[threads][MAX_SETS * RUN * LANES + FALSE_SHARING_GAP];
        cBuf = new float[threads][RUN * LANES + FALSE_SHARING_GAP];
        lossBuf = new double[threads][RUN * LANES + FALSE_SHARING_GAP];
        liveBuf = new int[threads][MAX_SETS * VPB * (RUN + 1) + 2 * FALSE_SHARING_GAP];
        gatherY = new double[threads][RUN * LANES + FALSE_SHARING_GAP];
        setLoss = new double[threads][MAX_SETS + FALSE_SHARING_GAP];
        f64Buf = new double[threads][RUN * LANES + FALSE_SHARING_GAP];
        c64Buf = new double[threads][RUN * LANES + FALSE_SHARING_GAP];
        w = new float[MAX_SETS][md];
    }

    /** a·b + c as {@link Fma#MODE} says: one rounding on CPUs with FMA. */
    private static FloatVector fma(FloatVector a, FloatVector b, FloatVector c) {
        return Fma.fma(a, b, c);
    }

    private static VectorSpecies<Float> species() {
        VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
        return s.length() <= LANES ? s : VectorSpecies.of(float.class, VectorShape.forBitSize(LANES * Float.SIZE));
    }


    @Override
    double exactBelow() {
        return 0x1p-60;
    }

    @Override
    void loadWeights(double[][] weights, int k) {
        for (int set = 0; set < k; set++) {
            for (int q = 0; q < md; q++) {
                w[set][q] = (float) weights[group + set][q];
            }
        }
    }

    @Override
    void releaseWeights() {
        // the float copies of the weights belong to the kernel
    }

    @Override
    void processChunk(int chunk, int worker, int firstBlock, int endBlock) {
        float[] mm = mem;
        int aOff = workspaceBase + worker * workspaceStride;
        int tOff = aOff + MAX_SETS * accLen;
        int gOff = tOff + RUN * MAX_SETS * sLen;
        float[] f = fBuf[worker];
        float[] c = cBuf[worker];
        double[] loss = setLoss[worker];
        int k = sets;
        boolean grad = mode == MODE_GRADIENT;
        if (grad) {
            Arrays.fill(mm, aOff, aOff + k * accLen, 0.0f);
        }
        Arrays.fill(loss, 0, k, 0.0);
        int[] live = liveBuf[worker];
        for (int b0 = firstBlock; b0 < endBlock; b0 += RUN) {
            int nb = Math.min(RUN, endBlock - b0);
            int xFirst = gathered ? gOff : PAD + b0 * blockSize;
            double[] ys = gathered ? gatherY[worker] : labels;
            int yFirst = gathered ? 0 : b0 * LANES;
            for (int i = 0; i < nb; i++) {
                int b = b0 + i;
                int xb = xFirst + i * blockSize;
                if (gathered) {
                    gather(b, xb, ys, i * LANES);
                }
                for (int set = 0; set < k; set++) { // every set while the block is in L1
                    float[] wt = w[set];
                    int ts = set * RUN + i;
                    forward(mm, xb, wt, mm, tOff + ts * sLen, f, ts * LANES);
                    if (mode == MODE_OUTPUTS) {
                        int i0 = b * LANES;
                        for (int l = 0; l < LANES && i0 + l < n; l++) {
                            outputs[i0 + l] = f[ts * LANES + l];
                        }
                        continue;
                    }
                    if (cacheOutputs != null) {
                        double[] keep = cacheOutputs[group + set];
                        int i0 = b * LANES;
                        for (int l = 0; l < LANES && i0 + l < n; l++) {
                            keep[i0 + l] = f[ts * LANES + l];
                        }
                    }
                }
            }
            if (mode == MODE_OUTPUTS) {
                continue;
            }
            for (int set = 0; set < k; set++) {
                loss[set] = lossAndScales(loss[set], f, set * RUN, nb, ys, yFirst, c, lossBuf[worker], mm, tOff + set * RUN * sLen, grad, f64Buf[worker], c64Buf[worker], live, set * VPB * (RUN + 1));
            }
            if (grad) {
                for (int set = 0; set < k; set++) {
                    int li = set * VPB * (RUN + 1);
                    if (anyLive(live, li)) {
                        backward(mm, xFirst, mm, tOff + set * RUN * sLen, mm, aOff + set * accLen, live, li);
                    }
                }
            }
        }
        for (int set = 0; set < k; set++) {
            slotLoss[chunk * k + set] = loss[set];
            if (grad) {
                int o = (chunk * k + set) * md;
                int acc = aOff + set * accLen;
                for (int q = 0; q < md; q++) {
                    int base = acc + q * LANES;
                    double g = mm[base];
                    for (int l = 1; l < LANES; l++) {
                        g += (double) mm[base + l];
                    }
                    slotGrad[o + q] = g;
                }
            }
        }
    }

    private static boolean anyLive(int[] live, int li) {
        int count = 0;
        for (int v = 0; v < VPB; v++) {
            count += live[li + v * (RUN + 1)];
        }
        return count > 0;
    }

    /**
     * Copies the examples of mini-batch block b into the block at {@code mem[gx...]} and their labels
     * to {@code gy[yo...]}; empty lanes get zeros and label 0.
     */
    private void gather(int b, int gx, double[] gy, int yo) {
        float[] x = mem;
        int pd = p * d;
        for (int l = 0; l < LANES; l++) {
            int pos = b * LANES + l;
            if (pos < batchSize) {
                int i = batchIndices[batchFrom + pos];
                int src = PAD + (i / LANES) * blockSize + i % LANES;
                for (int t = 0; t < pd; t++) {
                    x[gx + t * LANES + l] = x[src + t * LANES];
                }
                gy[yo + l] = labels[i];
            } else {
                for (int t = 0; t < pd; t++) {
                    x[gx + t * LANES + l] = 0;
                }
                gy[yo + l] = 0;
            }
        }
    }

    /**
     * s[(r·P + j)·B + lane] = ⟨w_r, X[j]⟩ and f[lane] = Σ_r Σ_j s³ for one block. The forward pass is
     * what streams the block in from memory, so patches are visited in memory order, each against
     * four neurons at a time (four FMA chains sharing one data load per coordinate); the m mod 4
     * remaining neurons take two patches at a time (with 512-bit vectors, {@link #forwardWide} instead).
     * Every s_rj is the plain sum over k in order, whatever the tile.
     */
    private void forward(float[] xs, int xb, float[] wt, float[] s, int sOff, float[] f, int fo) {
        if (WIDE) {
            forwardWide(xs, xb, wt, s, sOff, f, fo);
            return;
        }
        int dl = d * LANES;
        int m4 = m - m % 4;
        for (int v = 0; v < VPB; v++) {
            int lo = v * L;
            for (int j = 0; j < p; j++) {
                int xo = xb + j * dl + lo;
                for (int r = 0; r < m4; r += 4) {
                    dot41(xs, xo, wt, r * d, s, sOff + (r * p + j) * LANES + lo);
                }
                if (j % 2 == 0) {
                    for (int r = m4; r < m; r++) {
                        if (j + 1 < p) {
                            dot12(xs, xo, wt, r * d, s, sOff + (r * p + j) * LANES + lo);
                        } else {
                            dot11(xs, xo, wt, r * d, s, sOff + (r * p + j) * LANES + lo);
                        }
                    }
                }
            }
            FloatVector fv = FloatVector.zero(S);
            for (int q = 0; q < m * p; q++) {
                FloatVector sv = FloatVector.fromArray(S, s, sOff + q * LANES + lo);
                fv = fma(sv.mul(sv), sv, fv);
            }
            fv.intoArray(f, fo + lo);
        }
    }

    /**
     * {@link #forward} where a block is one vector (512-bit vectors, with 32 registers): five patches
     * at a time against three or two neurons (15 or 10 independent FMA chains instead of 4: once a
     * block is in cache, the four-neuron tile waits on the FMA latency). Every s_rj is still the plain
     * sum over k in order, so the bits are those of the narrow tiles.
     */
    private void forwardWide(float[] xs, int xb, float[] wt, float[] s, int sOff, float[] f, int fo) {
        int dl = d * LANES;
        int p5 = p - p % PT;
        for (int j = 0; j < p5; j += PT) {
            int xo = xb + j * dl;
            int r = 0;
            while (r < m) {
                int left = m - r;
                int so = sOff + (r * p + j) * LANES;
                if (left >= 3 && left != 4) {
                    dot35(xs, xo, wt, r * d, s, so);
                    r += 3;
                } else if (left >= 2) {
                    dot25(xs, xo, wt, r * d, s, so);
                    r += 2;
                } else {
                    dot15(xs, xo, wt, r * d, s, so);
                    r += 1;
                }
            }
        }
        for (int j = p5; j < p; j++) {
            int xo = xb + j * dl;
            for (int r = 0; r < m; r++) {
                dot11(xs, xo, wt, r * d, s, sOff + (r * p + j) * LANES);
            }
        }
        FloatVector fv = FloatVector.zero(S);
        for (int q = 0; q < m * p; q++) {
            FloatVector sv = FloatVector.fromArray(S, s, sOff + q * LANES);
            fv = fma(sv.mul(sv), sv, fv);
        }
        fv.intoArray(f, fo);
    }

    /** Neurons r..r+2 (weights from wo) against patches j..j+4 (data from xo): 15 FMA chains. */
    private void dot35(float[] xs, int xo, float[] wt, int wo, float[] s, int so) {
        int dl = d * LANES;
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00, a04 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00, a14 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00, a24 = a00;
        for (int k = 0; k < d; k++) {
            int xk = xo + k * LANES;
            FloatVector x0 = FloatVector.fromArray(S, xs, xk);
            FloatVector x1 = FloatVector.fromArray(S, xs, xk + dl);
            FloatVector x2 = FloatVector.fromArray(S, xs, xk + 2 * dl);
            FloatVector x3 = FloatVector.fromArray(S, xs, xk + 3 * dl);
            FloatVector x4 = FloatVector.fromArray(S, xs, xk + 4 * dl);
            FloatVector w0 = FloatVector.broadcast(S, wt[wo + k]);
            a00 = fma(x0, w0, a00);
            a01 = fma(x1, w0, a01);
            a02 = fma(x2, w0, a02);
            a03 = fma(x3, w0, a03);
            a04 = fma(x4, w0, a04);
            FloatVector w1 = FloatVector.broadcast(S, wt[wo + d + k]);
            a10 = fma(x0, w1, a10);
            a11 = fma(x1, w1, a11);
            a12 = fma(x2, w1, a12);
            a13 = fma(x3, w1, a13);
            a14 = fma(x4, w1, a14);
            FloatVector w2 = FloatVector.broadcast(S, wt[wo + 2 * d + k]);
            a20 = fma(x0, w2, a20);
            a21 = fma(x1, w2, a21);
            a22 = fma(x2, w2, a22);
            a23 = fma(x3, w2, a23);
            a24 = fma(x4, w2, a24);
        }
        int rs = p * LANES;
        a00.intoArray(s, so);
        a01.intoArray(s, so + LANES);
        a02.intoArray(s, so + 2 * LANES);
        a03.intoArray(s, so + 3 * LANES);
        a04.intoArray(s, so + 4 * LANES);
        a10.intoArray(s, so + rs);
        a11.intoArray(s, so + rs + LANES);
        a12.intoArray(s, so + rs + 2 * LANES);
        a13.intoArray(s, so + rs + 3 * LANES);
        a14.intoArray(s, so + rs + 4 * LANES);
        a20.intoArray(s, so + 2 * rs);
        a21.intoArray(s, so + 2 * rs + LANES);
        a22.intoArray(s, so + 2 * rs + 2 * LANES);
        a23.intoArray(s, so + 2 * rs + 3 * LANES);
        a24.intoArray(s, so + 2 * rs + 4 * LANES);
    }

    /** Neurons r, r+1 against patches j..j+4: 10 FMA chains. */
    private void dot25(float[] xs, int xo, float[] wt, int wo, float[] s, int so) {
        int dl = d * LANES;
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00, a04 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00, a14 = a00;
        for (int k = 0; k < d; k++) {
            int xk = xo + k * LANES;
            FloatVector x0 = FloatVector.fromArray(S, xs, xk);
            FloatVector x1 = FloatVector.fromArray(S, xs, xk + dl);
            FloatVector x2 = FloatVector.fromArray(S, xs, xk + 2 * dl);
            FloatVector x3 = FloatVector.fromArray(S, xs, xk + 3 * dl);
            FloatVector x4 = FloatVector.fromArray(S, xs, xk + 4 * dl);
            FloatVector w0 = FloatVector.broadcast(S, wt[wo + k]);
            a00 = fma(x0, w0, a00);
            a01 = fma(x1, w0, a01);
            a02 = fma(x2, w0, a02);
            a03 = fma(x3, w0, a03);
            a04 = fma(x4, w0, a04);
            FloatVector w1 = FloatVector.broadcast(S, wt[wo + d + k]);
            a10 = fma(x0, w1, a10);
            a11 = fma(x1, w1, a11);
            a12 = fma(x2, w1, a12);
            a13 = fma(x3, w1, a13);
            a14 = fma(x4, w1, a14);
        }
        int rs = p * LANES;
        a00.intoArray(s, so);
        a01.intoArray(s, so + LANES);
        a02.intoArray(s, so + 2 * LANES);
        a03.intoArray(s, so + 3 * LANES);
        a04.intoArray(s, so + 4 * LANES);
        a10.intoArray(s, so + rs);
        a11.intoArray(s, so + rs + LANES);
        a12.intoArray(s, so + rs + 2 * LANES);
        a13.intoArray(s, so + rs + 3 * LANES);
        a14.intoArray(s, so + rs + 4 * LANES);
    }

    /** Neuron r against patches j..j+4: 5 FMA chains. */
    private void dot15(float[] xs, int xo, float[] wt, int wo, float[] s, int so) {
        int dl = d * LANES;
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00, a04 = a00;
        for (int k = 0; k < d; k++) {
            int xk = xo + k * LANES;
            FloatVector w0 = FloatVector.broadcast(S, wt[wo + k]);
            a00 = fma(FloatVector.fromArray(S, xs, xk), w0, a00);
            a01 = fma(FloatVector.fromArray(S, xs, xk + dl), w0, a01);
            a02 = fma(FloatVector.fromArray(S, xs, xk + 2 * dl), w0, a02);
            a03 = fma(FloatVector.fromArray(S, xs, xk + 3 * dl), w0, a03);
            a04 = fma(FloatVector.fromArray(S, xs, xk + 4 * dl), w0, a04);
        }
        a00.intoArray(s, so);
        a01.intoArray(s, so + LANES);
        a02.intoArray(s, so + 2 * LANES);
        a03.intoArray(s, so + 3 * LANES);
        a04.intoArray(s, so + 4 * LANES);
    }

    /** Dot products of neurons r..r+3 (weights from wo) with one patch (data from xo); results r·P·B apart. */
    private void dot41(float[] xs, int xo, float[] wt, int wo, float[] s, int so) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (int k = 0; k < d; k++) {
            FloatVector x0 = FloatVector.fromArray(S, xs, xo + k * LANES);
            a0 = fma(x0, FloatVector.broadcast(S, wt[wo + k]), a0);
            a1 = fma(x0, FloatVector.broadcast(S, wt[wo + d + k]), a1);
            a2 = fma(x0, FloatVector.broadcast(S, wt[wo + 2 * d + k]), a2);
            a3 = fma(x0, FloatVector.broadcast(S, wt[wo + 3 * d + k]), a3);
        }
        int rs = p * LANES;
        a0.intoArray(s, so);
        a1.intoArray(s, so + rs);
        a2.intoArray(s, so + 2 * rs);
        a3.intoArray(s, so + 3 * rs);
    }

    /** Dot products of neuron r (weights from wo) with patches j, j+1 (data from xo, xo + d·B). */
    private void dot12(float[] xs, int xo, float[] wt, int wo, float[] s, int so) {
        int dl = d * LANES;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        for (int k = 0; k < d; k++) {
            FloatVector wv = FloatVector.broadcast(S, wt[wo + k]);
            a0 = fma(FloatVector.fromArray(S, xs, xo + k * LANES), wv, a0);
            a1 = fma(FloatVector.fromArray(S, xs, xo + dl + k * LANES), wv, a1);
        }
        a0.intoArray(s, so);
        a1.intoArray(s, so + LANES);
    }

    private void dot11(float[] xs, int xo, float[] wt, int wo, float[] s, int so) {
        FloatVector a0 = FloatVector.zero(S);
        for (int k = 0; k < d; k++) {
            a0 = fma(FloatVector.fromArray(S, xs, xo + k * LANES), FloatVector.broadcast(S, wt[wo + k]), a0);
        }
        a0.intoArray(s, so);
    }

    /**
     * a[(r·d + k)·B + lane] += Σ_j t_rj·X[j][k] for the live blocks of a run (data from xb, one block
     * every blockSize entries; scales t from tOff, one block every sLen; per lane group the list at
     * {@code live[li + v·(RUN + 1)]}, see {@link #liveBuf}): tile by tile, three or two neurons × four
     * coordinates (one neuron only when m = 1), the tile's accumulators loaded once, summed in
     * registers over the blocks in order and j in order, and stored once. Leaving out the blocks whose
     * t are all ±0 changes no bit.
     */
    private void backward(float[] xs, int xb, float[] t, int tOff, float[] a, int aOff, int[] live, int li) {
        for (int v = 0; v < VPB; v++) {
            int lo = v * L;
            int lv = li + v * (RUN + 1);
            int r = 0;
            while (r < m) {
                int left = m - r;
                int tr = tOff + r * p * LANES + lo;
                int k = 0;
                if (left >= 3 && left != 4) {
                    for (; k + 4 <= d; k += 4) {
                        acc34(xs, xb + k * LANES + lo, t, tr, a, aOff + (r * d + k) * LANES + lo, live, lv);
                    }
                    for (; k < d; k++) {
                        acc31(xs, xb + k * LANES + lo, t, tr, a, aOff + (r * d + k) * LANES + lo, live, lv);
                    }
                    r += 3;
                } else if (left >= 2) {
                    for (; k + 4 <= d; k += 4) {
                        acc24(xs, xb + k * LANES + lo, t, tr, a, aOff + (r * d + k) * LANES + lo, live, lv);
                    }
                    for (; k < d; k++) {
                        acc21(xs, xb + k * LANES + lo, t, tr, a, aOff + (r * d + k) * LANES + lo, live, lv);
                    }
                    r += 2;
                } else {
                    for (; k + 4 <= d; k += 4) {
                        acc14(xs, xb + k * LANES + lo, t, tr, a, aOff + (r * d + k) * LANES + lo, live, lv);
                    }
                    for (; k < d; k++) {
                        acc11(xs, xb + k * LANES + lo, t, tr, a, aOff + (r * d + k) * LANES + lo, live, lv);
                    }
                    r += 1;
                }
            }
        }
    }

    private void acc34(float[] xs, int xo0, float[] t, int to0, float[] a, int ao, int[] live, int lv) {
        int dl = d * LANES;
        int ad = d * LANES;
        int tr = p * LANES;
        FloatVector a00 = FloatVector.fromArray(S, a, ao);
        FloatVector a01 = FloatVector.fromArray(S, a, ao + LANES);
        FloatVector a02 = FloatVector.fromArray(S, a, ao + 2 * LANES);
        FloatVector a03 = FloatVector.fromArray(S, a, ao + 3 * LANES);
        FloatVector a10 = FloatVector.fromArray(S, a, ao + ad);
        FloatVector a11 = FloatVector.fromArray(S, a, ao + ad + LANES);
        FloatVector a12 = FloatVector.fromArray(S, a, ao + ad + 2 * LANES);
        FloatVector a13 = FloatVector.fromArray(S, a, ao + ad + 3 * LANES);
        FloatVector a20 = FloatVector.fromArray(S, a, ao + 2 * ad);
        FloatVector a21 = FloatVector.fromArray(S, a, ao + 2 * ad + LANES);
        FloatVector a22 = FloatVector.fromArray(S, a, ao + 2 * ad + 2 * LANES);
        FloatVector a23 = FloatVector.fromArray(S, a, ao + 2 * ad + 3 * LANES);
        int nb = live[lv];
        for (int q = 1; q <= nb; q++) {
            int i = live[lv + q];
            int xo = xo0 + i * blockSize;
            int to = to0 + i * sLen;
            for (int j = 0; j < p; j++) {
                int xj = xo + j * dl;
                FloatVector x0 = FloatVector.fromArray(S, xs, xj);
                FloatVector x1 = FloatVector.fromArray(S, xs, xj + LANES);
                FloatVector x2 = FloatVector.fromArray(S, xs, xj + 2 * LANES);
                FloatVector x3 = FloatVector.fromArray(S, xs, xj + 3 * LANES);
                FloatVector t0 = FloatVector.fromArray(S, t, to + j * LANES);
                a00 = fma(x0, t0, a00);
                a01 = fma(x1, t0, a01);
                a02 = fma(x2, t0, a02);
                a03 = fma(x3, t0, a03);
                FloatVector t1 = FloatVector.fromArray(S, t, to + tr + j * LANES);
                a10 = fma(x0, t1, a10);
                a11 = fma(x1, t1, a11);
                a12 = fma(x2, t1, a12);
                a13 = fma(x3, t1, a13);
                FloatVector t2 = FloatVector.fromArray(S, t, to + 2 * tr + j * LANES);
                a20 = fma(x0, t2, a20);
                a21 = fma(x1, t2, a21);
                a22 = fma(x2, t2, a22);
                a23 = fma(x3, t2, a23);
            }
        }
        a00.intoArray(a, ao);
        a01.intoArray(a, ao + LANES);
        a02.intoArray(a, ao + 2 * LANES);
        a03.intoArray(a, ao + 3 * LANES);
        a10.intoArray(a, ao + ad);
        a11.intoArray(a, ao + ad + LANES);
        a12.intoArray(a, ao + ad + 2 * LANES);
        a13.intoArray(a, ao + ad + 3 * LANES);
        a20.intoArray(a, ao + 2 * ad);
        a21.intoArray(a, ao + 2 * ad + LANES);
        a22.intoArray(a, ao + 2 * ad + 2 * LANES);
        a23.intoArray(a, ao + 2 * ad + 3 * LANES);
    }

    private void acc31(float[] xs, int xo0, float[] t, int to0, float[] a, int ao, int[] live, int lv) {
        int dl = d * LANES;
        int tr = p * LANES;
        int ad = d * LANES;
        FloatVector a0 = FloatVector.fromArray(S, a, ao);
        FloatVector a1 = FloatVector.fromArray(S, a, ao + ad);
        FloatVector a2 = FloatVector.fromArray(S, a, ao + 2 * ad);
        int nb = live[lv];
        for (int q = 1; q <= nb; q++) {
            int i = live[lv + q];
            int xo = xo0 + i * blockSize;
            int to = to0 + i * sLen;
            for (int j = 0; j < p; j++) {
                FloatVector x0 = FloatVector.fromArray(S, xs, xo + j * dl);
                a0 = fma(x0, FloatVector.fromArray(S, t, to + j * LANES), a0);
                a1 = fma(x0, FloatVector.fromArray(S, t, to + tr + j * LANES), a1);
                a2 = fma(x0, FloatVector.fromArray(S, t, to + 2 * tr + j * LANES), a2);
            }
        }
        a0.intoArray(a, ao);
        a1.intoArray(a, ao + ad);
        a2.intoArray(a, ao + 2 * ad);
    }

    private void acc24(float[] xs, int xo0, float[] t, int to0, float[] a, int ao, int[] live, int lv) {
        int dl = d * LANES;
        int ad = d * LANES;
        int tr = p * LANES;
        FloatVector a00 = FloatVector.fromArray(S, a, ao);
        FloatVector a01 = FloatVector.fromArray(S, a, ao + LANES);
        FloatVector a02 = FloatVector.fromArray(S, a, ao + 2 * LANES);
        FloatVector a03 = FloatVector.fromArray(S, a, ao + 3 * LANES);
        FloatVector a10 = FloatVector.fromArray(S, a, ao + ad);
        FloatVector a11 = FloatVector.fromArray(S, a, ao + ad + LANES);
        FloatVector a12 = FloatVector.fromArray(S, a, ao + ad + 2 * LANES);
        FloatVector a13 = FloatVector.fromArray(S, a, ao + ad + 3 * LANES);
        int nb = live[lv];
        for (int q = 1; q <= nb; q++) {
            int i = live[lv + q];
            int xo = xo0 + i * blockSize;
            int to = to0 + i * sLen;
            for (int j = 0; j < p; j++) {
                int xj = xo + j * dl;
                FloatVector t0 = FloatVector.fromArray(S, t, to + j * LANES);
                FloatVector t1 = FloatVector.fromArray(S, t, to + tr + j * LANES);
                FloatVector x0 = FloatVector.fromArray(S, xs, xj);
                FloatVector x1 = FloatVector.fromArray(S, xs, xj + LANES);
                FloatVector x2 = FloatVector.fromArray(S, xs, xj + 2 * LANES);
                FloatVector x3 = FloatVector.fromArray(S, xs, xj + 3 * LANES);
                a00 = fma(x0, t0, a00);
                a01 = fma(x1, t0, a01);
                a02 = fma(x2, t0, a02);
                a03 = fma(x3, t0, a03);
                a10 = fma(x0, t1, a10);
                a11 = fma(x1, t1, a11);
                a12 = fma(x2, t1, a12);
                a13 = fma(x3, t1, a13);
            }
        }
        a00.intoArray(a, ao);
        a01.intoArray(a, ao + LANES);
        a02.intoArray(a, ao + 2 * LANES);
        a03.intoArray(a, ao + 3 * LANES);
        a10.intoArray(a, ao + ad);
        a11.intoArray(a, ao + ad + LANES);
        a12.intoArray(a, ao + ad + 2 * LANES);
        a13.intoArray(a, ao + ad + 3 * LANES);
    }

    private void acc21(float[] xs, int xo0, float[] t, int to0, float[] a, int ao, int[] live, int lv) {
        int dl = d * LANES;
        int tr = p * LANES;
        FloatVector a0 = FloatVector.fromArray(S, a, ao);
        FloatVector a1 = FloatVector.fromArray(S, a, ao + d * LANES);
        int nb = live[lv];
        for (int q = 1; q <= nb; q++) {
            int i = live[lv + q];
            int xo = xo0 + i * blockSize;
            int to = to0 + i * sLen;
            for (int j = 0; j < p; j++) {
                FloatVector x0 = FloatVector.fromArray(S, xs, xo + j * dl);
                a0 = fma(x0, FloatVector.fromArray(S, t, to + j * LANES), a0);
                a1 = fma(x0, FloatVector.fromArray(S, t, to + tr + j * LANES), a1);
            }
        }
        a0.intoArray(a, ao);
        a1.intoArray(a, ao + d * LANES);
    }

    private void acc14(float[] xs, int xo0, float[] t, int to0, float[] a, int ao, int[] live, int lv) {
        int dl = d * LANES;
        FloatVector a0 = FloatVector.fromArray(S, a, ao);
        FloatVector a1 = FloatVector.fromArray(S, a, ao + LANES);
        FloatVector a2 = FloatVector.fromArray(S, a, ao + 2 * LANES);
        FloatVector a3 = FloatVector.fromArray(S, a, ao + 3 * LANES);
        int nb = live[lv];
        for (int q = 1; q <= nb; q++) {
            int i = live[lv + q];
            int xo = xo0 + i * blockSize;
            int to = to0 + i * sLen;
            for (int j = 0; j < p; j++) {
                int xj = xo + j * dl;
                FloatVector t0 = FloatVector.fromArray(S, t, to + j * LANES);
                a0 = fma(FloatVector.fromArray(S, xs, xj), t0, a0);
                a1 = fma(FloatVector.fromArray(S, xs, xj + LANES), t0, a1);
                a2 = fma(FloatVector.fromArray(S, xs, xj + 2 * LANES), t0, a2);
                a3 = fma(FloatVector.fromArray(S, xs, xj + 3 * LANES), t0, a3);
            }
        }
        a0.intoArray(a, ao);
        a1.intoArray(a, ao + LANES);
        a2.intoArray(a, ao + 2 * LANES);
        a3.intoArray(a, ao + 3 * LANES);
    }

    private void acc11(float[] xs, int xo0, float[] t, int to0, float[] a, int ao, int[] live, int lv) {
        int dl = d * LANES;
        FloatVector a0 = FloatVector.fromArray(S, a, ao);
        int nb = live[lv];
        for (int q = 1; q <= nb; q++) {
            int i = live[lv + q];
            int xo = xo0 + i * blockSize;
            int to = to0 + i * sLen;
            for (int j = 0; j < p; j++) {
                a0 = fma(FloatVector.fromArray(S, xs, xo + j * dl), FloatVector.fromArray(S, t, to + j * LANES), a0);
            }
        }
        a0.intoArray(a, ao);
    }

    /**
     * For the nb blocks of a run and one weight set: per lane the loss ℓ(y·f) and c = 3ℓ'(f), all the
     * run's lanes in one {@link LogisticLanes} call (their latencies overlap); each block's loss summed
     * in lane order is added to {@code acc} in block order, which is returned. With {@code grad}, the
     * scales t_rj = c·s_rj² replace s in place (block i's s at {@code tOff + i·sLen}). Lanes of label 0
     * (padding) give 0. f of block i is at {@code f[(fb + i)·B...]}.
     */
    private double lossAndScales(double acc, float[] f, int fb, int nb, double[] ys, int yb, float[] c, double[] lossLanes, float[] t,
                                 int tOff, boolean grad, double[] f64, double[] c64, int[] live, int li) {
        int lanes = nb * LANES;
        for (int l = 0; l < lanes; l++) {
            f64[l] = f[fb * LANES + l];
        }
        LogisticLanes.evaluate(f64, 0, ys, yb, lanes, 3.0, c64, lossLanes);
        for (int l = 0; l < lanes; l++) {
            c[l] = (float) c64[l];
        }
        for (int i = 0; i < nb; i++) {
            double loss = 0;
            for (int l = i * LANES; l < (i + 1) * LANES; l++) {
                loss += lossLanes[l];
            }
            acc += loss;
        }
        if (!grad) {
            return acc;
        }
        boolean flush = !exact;
        for (int v = 0; v < VPB; v++) {
            live[li + v * (RUN + 1)] = 0;
        }
        if (!Simd.MASKS) {
            for (int i = 0; i < nb; i++) {
                for (int v = 0; v < VPB; v++) {
                    int lo = v * L;
                    if (scalesPerLane(f, (fb + i) * LANES + lo, c, i * LANES + lo, t, tOff + i * sLen + lo, flush)) {
                        int at = li + v * (RUN + 1);
                        live[at + 1 + live[at]++] = i;
                    }
                }
            }
            return acc;
        }
        for (int i = 0; i < nb; i++) { // the live blocks of each lane group, listed without a branch
            for (int v = 0; v < VPB; v++) {
                int lo = v * L;
                FloatVector cv = FloatVector.fromArray(S, c, i * LANES + lo);
                if (flush) {
                    cv = cv.blend(0L, cv.abs().compare(VectorOperators.LT, FLUSH_C));
                    cv.intoArray(c, i * LANES + lo); // the scales below read the flushed c
                }
                int nonzero = cv.compare(VectorOperators.NE, 0).trueCount();
                int finite = FloatVector.fromArray(S, f, (fb + i) * LANES + lo).test(VectorOperators.IS_FINITE).trueCount();
                int at = li + v * (RUN + 1);
                int count = live[at];
                live[at + 1 + count] = i;
                live[at] = count + Math.min(1, nonzero + L - finite);
            }
        }
        for (int v = 0; v < VPB; v++) { // t for the live blocks only: the backward pass reads no other
            int lo = v * L;
            int at = li + v * (RUN + 1);
            int count = live[at];
            for (int q = 1; q <= count; q++) {
                int i = live[at + q];
                int to = tOff + i * sLen;
                FloatVector cv = FloatVector.fromArray(S, c, i * LANES + lo);
                for (int r = 0; r < m * p; r++) {
                    FloatVector sv = FloatVector.fromArray(S, t, to + r * LANES + lo);
                    FloatVector tv = cv.mul(sv).mul(sv);
                    if (flush) {
                        VectorMask<Float> tiny = tv.abs().compare(VectorOperators.LT, FLUSH_T);
                        tv = tv.blend(0L, tiny);
                    }
                    tv.intoArray(t, to + r * LANES + lo);
                }
            }
        }
        return acc;
    }

    /**
     * The scales of {@link #lossAndScales} for one vector of lanes (f from fo, c from co, s replaced by
     * t from to), lane by lane in scalar code with the same operations (so the same bits), for JVMs
     * that do not compile vector compares and blends ({@link Simd#MASKS}); returns whether the lanes
     * are live.
     */
    private boolean scalesPerLane(float[] f, int fo, float[] c, int co, float[] t, int to, boolean flush) {
        boolean live = false;
        for (int l = 0; l < L; l++) {
            float cl = c[co + l];
            if (flush && Math.abs(cl) < FLUSH_C) {
                cl = 0;
            }
            live |= cl != 0 || !Float.isFinite(f[fo + l]);
            for (int q = 0; q < m * p; q++) {
                float sv = t[to + q * LANES + l];
                float tv = cl * sv * sv;
                if (flush && Math.abs(tv) < FLUSH_T) {
                    tv = 0;
                }
                t[to + q * LANES + l] = tv;
            }
        }
        return live;
    }
}
