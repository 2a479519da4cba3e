package org.momentumlab.experiment.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.momentumlab.experiment.rundir.AtomicFiles;
import org.momentumlab.experiment.rundir.RunDirectory;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;

/**
 * The directory of a sweep, named after the spec so that re-running the same command resumes it:
 * <pre>
 *   OUT/NAME/
 *     sweep.yaml           the sweep as given (base spec with its grid and seeds)
 *     runs/TASK-ID/        one finished run directory per (grid point, seed); TASK-ID.incomplete/ if it failed
 *     aggregate.csv, table.md|csv, figures/   the default aggregate (mlab sweep, mlab report)
 *     reports/GROUPING/    aggregates over other groupings (mlab report --by/--pivot/--metric)
 * </pre>
 * A task is finished exactly when its run directory exists: it is renamed into place from a hidden
 * staging directory only when complete, so an interrupted sweep loses no finished task and counts
 * no partial one; re-running skips finished tasks and re-runs the others.
 */
public final class SweepDirectory {
    private final Path dir;

    public SweepDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path runs() {
        return dir.resolve("runs");
    }

    public Path taskDir(SweepPlan.Task task) {
        return runs().resolve(task.dirName());
    }

    public boolean isFinished(SweepPlan.Task task) {
        return RunDirectory.isFinished(taskDir(task));
    }

    /** Whether {@code dir} looks like a sweep directory. */
    public static boolean isSweep(Path dir) {
        return Files.isRegularFile(dir.resolve("sweep.yaml")) && Files.isDirectory(dir.resolve("runs"));
    }

    /**
     * Creates the directory for this sweep, or checks that an existing one holds the same sweep
     * (same sweep.yaml); removes staging directories left by an interrupted run.
     */
    public void prepare(String sweepYaml) throws IOException {
        Path file = dir.resolve("sweep.yaml");
        if (Files.exists(file)) {
            String before = Files.readString(file);
            if (!before.equals(sweepYaml)
                    && !SpecTree.withoutChecks(before, "sweep.yaml").equals(SpecTree.withoutChecks(sweepYaml, "sweep.yaml"))) {
                throw new SpecException("sweep directory " + dir + " holds a different sweep (its sweep.yaml differs); use another --out or remove it");
            }
            // the same runs: only its claims (checked again now; its tasks carry none) or its reproduce mode changed
        } else if (Files.exists(dir) && !isEmpty(dir)) {
            throw new SpecException(dir + " exists and is not a sweep directory; use another --out");
        }
        Files.createDirectories(runs());
        AtomicFiles.write(file, sweepYaml);
        try (Stream<Path> s = Files.list(runs())) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
                RunDirectory.deleteTree(p);
            }
        }
    }

    /** Finished run directories, sorted by name. */
    public List<Path> finishedRuns() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(runs())) {
            return out;
        }
        try (Stream<Path> s = Files.list(runs())) {
            s.filter(p -> !p.getFileName().toString().startsWith(".") && RunDirectory.isFinished(p))
                    .sorted().forEach(out::add);
        }
        return out;
    }

    /** The sweep's spec tree as stored. */
    public SpecTree spec() {
        return SpecTree.load(dir.resolve("sweep.yaml"));
    }

    private static boolean isEmpty(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isEmpty();
        }
    }
}
