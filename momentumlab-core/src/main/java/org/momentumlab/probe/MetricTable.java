package org.momentumlab.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics recorded over a run: one row per probe time (a step), one column per metric, columns in
 * order of first appearance. A metric missing from a row reads as NaN.
 */
public final class MetricTable {
    private final List<Long> steps = new ArrayList<>();
    private final Map<String, List<Double>> columns = new LinkedHashMap<>();

    /** Starts the row of {@code step}; steps must increase. */
    public void startRow(long step) {
        if (!steps.isEmpty() && step <= steps.get(steps.size() - 1)) {
            throw new IllegalStateException("probe steps must increase: " + step + " after " + steps.get(steps.size() - 1));
        }
        steps.add(step);
    }

    /** Sets {@code metric} in the current row. */
    public void put(String metric, double value) {
        if (steps.isEmpty()) {
            throw new IllegalStateException("put(" + metric + ") before startRow");
        }
        List<Double> col = columns.computeIfAbsent(metric, k -> new ArrayList<>());
        while (col.size() < steps.size() - 1) {
            col.add(Double.NaN);
        }
        if (col.size() == steps.size()) {
            col.set(col.size() - 1, value);
        } else {
            col.add(value);
        }
    }

    public int rows() {
        return steps.size();
    }

    public long step(int row) {
        return steps.get(row);
    }

    public List<String> metrics() {
        return Collections.unmodifiableList(new ArrayList<>(columns.keySet()));
    }

    public boolean has(String metric) {
        return columns.containsKey(metric);
    }

    /** Value of {@code metric} in {@code row}, NaN if unset. */
    public double get(String metric, int row) {
        List<Double> col = columns.get(metric);
        if (col == null) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; known: " + columns.keySet());
        }
        return row < col.size() ? col.get(row) : Double.NaN;
    }

    /** The whole column of {@code metric}. */
    public double[] column(String metric) {
        double[] out = new double[rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = get(metric, r);
        }
        return out;
    }

    /** Steps of all rows. */
    public long[] steps() {
        long[] out = new long[steps.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = steps.get(r);
        }
        return out;
    }

    /** Writes the table bit for bit (for a checkpoint; {@link #read} gives it back). */
    public void write(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(steps.size());
        for (long s : steps) {
            out.writeLong(s);
        }
        out.writeInt(columns.size());
        for (Map.Entry<String, List<Double>> e : columns.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (double v : e.getValue()) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
        }
    }

    /** The table {@link #write} wrote. */
    public static MetricTable read(java.io.DataInput in) throws java.io.IOException {
        MetricTable t = new MetricTable();
        int n = in.readInt();
        for (int r = 0; r < n; r++) {
            t.steps.add(in.readLong());
        }
        int c = in.readInt();
        for (int k = 0; k < c; k++) {
            String name = in.readUTF();
            int len = in.readInt();
            if (len > n) {
                throw new java.io.IOException("a metric column longer than its table");
            }
            List<Double> col = new ArrayList<>(len);
            for (int r = 0; r < len; r++) {
                col.add(Double.longBitsToDouble(in.readLong()));
            }
            t.columns.put(name, col);
        }
        return t;
    }

    /** The value of {@code metric} in the last row (NaN if no rows). */
    public double last(String metric) {
        return rows() == 0 ? Double.NaN : get(metric, rows() - 1);
    }
}
