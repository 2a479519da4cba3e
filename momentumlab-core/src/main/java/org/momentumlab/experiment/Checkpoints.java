package org.momentumlab.experiment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Checkpoints of runs, one file per run (seed and label) in the run directory's {@code checkpoints/}:
 * a kind that supports them saves its runs' states as it goes ({@link #save}) and, when the
 * invocation resumes an interrupted run directory ({@code mlab run --resume}), asks for them back
 * ({@link #load}) and continues each run from there, to the same bits as an uninterrupted run. A
 * file is written whole or not at all, so an interruption during a save leaves the previous one.
 * The files start with a magic word and the run's seed and label, checked when read.
 */
public final class Checkpoints {
    /** The folder of a run directory that holds them. */
    public static final String DIR = "checkpoints";
    private static final String MAGIC = "MLAB-CKPT-1";

    /** Writes a checkpoint's body. */
    @FunctionalInterface
    public interface Body {
        void write(DataOutput out) throws IOException;
    }

    /** Reads a checkpoint's body. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    /** Where saved checkpoints go: a file name and its whole content (the run directory writes it atomically). */
    @FunctionalInterface
    public interface Store {
        void put(String fileName, byte[] bytes) throws IOException;
    }

    /** No saving and nothing to resume (runs outside a run directory, e.g. tests). */
    public static final Checkpoints NONE = new Checkpoints(null, null);

    private final Store store;
    private final Path resumeDir;

    /**
     * @param store     where to save, or null not to save
     * @param resumeDir the {@value #DIR} folder of an interrupted run directory, or null
     */
    public Checkpoints(Store store, Path resumeDir) {
        this.store = store;
        this.resumeDir = resumeDir;
    }

    /** Whether saves are kept. */
    public boolean saving() {
        return store != null;
    }

    /** Saves the state of run (seed, label), replacing its previous checkpoint. */
    public void save(RunLabel label, long seed, Body body) {
        if (store == null) {
            return;
        }
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 16);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes, 1 << 16))) {
                out.writeUTF(MAGIC);
                out.writeLong(seed);
                out.writeUTF(label.id());
                body.write(out);
            }
            store.put(fileName(label, seed), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The checkpoint of run (seed, label) from the interrupted invocation, read by {@code reader}, or
     * null if there is none.
     *
     * @throws SpecException if the file is not a checkpoint of that run or cannot be read whole
     */
    public <T> T load(RunLabel label, long seed, Reader<T> reader) {
        if (resumeDir == null) {
            return null;
        }
        Path f = resumeDir.resolve(fileName(label, seed));
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF()) || in.readLong() != seed || !label.id().equals(in.readUTF())) {
                throw new SpecException(f + " is not the checkpoint of run " + label.id() + ", seed " + seed);
            }
            T t = reader.read(in);
            if (in.read() != -1) {
                throw new SpecException(f + " has bytes after its end: not a checkpoint of this version of the run");
            }
            return t;
        } catch (IOException e) {
            throw new SpecException("cannot resume from " + f + ": " + (e instanceof java.io.EOFException ? "the file ends early" : e.getMessage()));
        }
    }

    /** The file of run (seed, label): readable, and unique for every label (its id in hex where it has other characters). */
    static String fileName(RunLabel label, long seed) {
        String id = label.id();
        String safe = id.matches("[A-Za-z0-9_.=+-]{1,80}") ? id : "x" + HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8));
        return "seed" + seed + "-" + safe + ".ckpt";
    }
}
