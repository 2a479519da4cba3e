package org.momentumlab.deep.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.momentumlab.experiment.SpecException;

/**
 * CIFAR-10 and CIFAR-100 in their binary versions. CIFAR-10: {@code data_batch_1.bin} …
 * {@code data_batch_5.bin} (training, 50 000 images) and {@code test_batch.bin} (10 000), records of
 * 1 label byte then 3072 pixel bytes (1024 red, 1024 green, 1024 blue, rows of 32). CIFAR-100:
 * {@code train.bin} and {@code test.bin}, records of a coarse label byte (20 classes), a fine label
 * byte (100 classes) and the 3072 pixel bytes; the fine labels are used. A missing file, a size that
 * is not a whole number of records or a label out of range is a {@link SpecException} naming the file.
 */
public final class CifarFiles {
    static final int PIXELS = 3 * 32 * 32;
    /** The CIFAR-10 files: five training batches, then the test batch. */
    public static final List<String> CIFAR10 = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
            "data_batch_5.bin", "test_batch.bin");
    /** The CIFAR-100 files: training, then test. */
    public static final List<String> CIFAR100 = List.of("train.bin", "test.bin");

    private CifarFiles() {
    }

    /** CIFAR-10 from {@code dir}: the five training batches, or the test batch. */
    public static ImageSet cifar10(Path dir, boolean train) {
        List<String> names = train ? CIFAR10.subList(0, 5) : CIFAR10.subList(5, 6);
        return read(names.stream().map(dir::resolve).toList(), 1, 0, 10, "CIFAR-10" + (train ? " train" : " test"));
    }

    /** CIFAR-100 (fine labels) from {@code dir}: {@code train.bin} or {@code test.bin}. */
    public static ImageSet cifar100(Path dir, boolean train) {
        return read(List.of(dir.resolve(CIFAR100.get(train ? 0 : 1))), 2, 1, 100, "CIFAR-100" + (train ? " train" : " test"));
    }

    /** Records of {@code labelBytes} label bytes (the label at {@code labelAt}) and 3072 pixel bytes. */
    static ImageSet read(List<Path> files, int labelBytes, int labelAt, int classes, String name) {
        int record = labelBytes + PIXELS;
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (NoSuchFileException e) {
                throw new SpecException(f + " does not exist (" + name + " needs " + files.stream().map(p -> p.getFileName().toString()).toList() + ")");
            } catch (IOException e) {
                throw new SpecException("cannot read " + f + ": " + e.getMessage());
            }
            if (bytes.length == 0 || bytes.length % record != 0) {
                throw new SpecException(f + " has " + bytes.length + " bytes, not a whole number of " + record + "-byte records");
            }
            contents.add(bytes);
            total += bytes.length / record;
        }
        byte[] pixels = new byte[Math.toIntExact(total * PIXELS)];
        int[] labels = new int[(int) total];
        int i = 0;
        for (int fi = 0; fi < contents.size(); fi++) {
            byte[] bytes = contents.get(fi);
            for (int off = 0; off < bytes.length; off += record, i++) {
                int label = bytes[off + labelAt] & 0xff;
                if (label >= classes) {
                    throw new SpecException(files.get(fi) + ": label " + label + " of record " + (off / record) + " is out of range [0, " + classes + ")");
                }
                labels[i] = label;
                System.arraycopy(bytes, off + labelBytes, pixels, i * PIXELS, PIXELS);
            }
        }
        return new ImageSet(name, 3, 32, 32, classes, pixels, labels);
    }
}
