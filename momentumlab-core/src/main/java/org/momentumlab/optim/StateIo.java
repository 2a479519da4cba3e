package org.momentumlab.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Writing and reading optimizer states' arrays for checkpoints, bit for bit, with their lengths checked. */
final class StateIo {
    private StateIo() {
    }

    static void write(DataOutput out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    static void read(DataInput in, double[] a) throws IOException {
        int n = in.readInt();
        if (n != a.length) {
            throw new IOException("an optimizer state of " + n + " numbers for " + a.length + " parameters");
        }
        for (int i = 0; i < n; i++) {
            a[i] = Double.longBitsToDouble(in.readLong());
        }
    }
}
