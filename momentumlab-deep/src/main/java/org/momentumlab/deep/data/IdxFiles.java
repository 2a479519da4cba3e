package org.momentumlab.deep.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.momentumlab.experiment.SpecException;

/**
 * MNIST-style IDX files (MNIST, Fashion-MNIST): a big-endian header (two zero bytes, the element
 * type 0x08 for unsigned bytes, the number of dimensions, then each dimension as a 32-bit integer)
 * followed by the bytes; gzipped ({@code .gz}) or not. The standard file names are
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte}, each with or without {@code .gz}. Every problem with a file is
 * a {@link SpecException} naming the file and what is wrong.
 */
public final class IdxFiles {
    /** Where Debian's {@code dataset-fashion-mnist} package puts Fashion-MNIST. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** The four files (each may also be gzipped, with {@code .gz}): training images and labels, test images and labels. */
    public static final java.util.List<String> FILES = java.util.List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private IdxFiles() {
    }

    /** The training ({@code train = true}) or test images and labels in {@code dir}, 10 classes. */
    public static ImageSet read(Path dir, boolean train, String name) {
        int first = train ? 0 : 2;
        Path images = find(dir, FILES.get(first));
        Path labels = find(dir, FILES.get(first + 1));
        Idx im = readIdx(images, 3);
        Idx lb = readIdx(labels, 1);
        if (im.dims[0] != lb.dims[0]) {
            throw new SpecException(images + " has " + im.dims[0] + " images but " + labels + " has " + lb.dims[0] + " labels");
        }
        int[] y = new int[lb.dims[0]];
        for (int i = 0; i < y.length; i++) {
            y[i] = lb.data[i] & 0xff;
            if (y[i] >= 10) {
                throw new SpecException(labels + ": label " + y[i] + " of item " + i + " is out of range [0, 10)");
            }
        }
        return new ImageSet(name + (train ? " train" : " test"), 1, im.dims[1], im.dims[2], 10, im.data, y);
    }

    private static Path find(Path dir, String base) {
        if (!Files.isDirectory(dir)) {
            throw new SpecException("data directory " + dir + " does not exist"
                    + (dir.equals(FASHION_MNIST) ? " (install Debian's dataset-fashion-mnist, or give the directory of the IDX files)" : ""));
        }
        for (String name : new String[] {base + ".gz", base}) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new SpecException(dir + " has no " + base + ".gz or " + base);
    }

    record Idx(int[] dims, byte[] data) {
    }

    /** Reads an unsigned-byte IDX file of {@code rank} dimensions. */
    static Idx readIdx(Path file, int rank) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw)) {
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != 0x08) {
                throw new SpecException(file + " is not an unsigned-byte IDX file (magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x0000080" + rank + ")");
            }
            int r = magic & 0xff;
            if (r != rank) {
                throw new SpecException(file + " has " + r + " dimensions, expected " + rank);
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 1) {
                    throw new SpecException(file + ": dimension " + i + " is " + dims[i]);
                }
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new SpecException(file + " is too large (" + total + " bytes of data)");
            }
            byte[] data = new byte[(int) total];
            in.readFully(data);
            if (in.read() != -1) {
                throw new SpecException(file + " has bytes after the " + total + " its header announces");
            }
            return new Idx(dims, data);
        } catch (EOFException e) {
            throw new SpecException(file + " is truncated: it ends before the data its header announces");
        } catch (NoSuchFileException e) {
            throw new SpecException(file + " does not exist");
        } catch (java.util.zip.ZipException e) {
            throw new SpecException(file + " is not a valid gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new SpecException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
