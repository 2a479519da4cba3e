package org.momentumlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.rundir.RunDirectory;

/**
 * Which directory {@code mlab run --resume} continues, and where the result goes: {@code NAME.incomplete}
 * (an interrupted or failed run) completes as {@code NAME}; the hidden staging directory
 * {@code .NAME.partial} of a run whose process was killed is first renamed {@code NAME.incomplete}.
 */
final class Resume {
    private Resume() {
    }

    /** The incomplete run directory to resume from {@code given}; a user's mistake is a {@link SpecException}. */
    static Path incompleteDir(Path given) throws IOException {
        Path dir = given.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new SpecException("--resume " + given + ": no such directory");
        }
        if (RunDirectory.isFinished(dir)) {
            throw new SpecException("--resume " + given + ": this run finished; there is nothing to resume");
        }
        if (!Files.isRegularFile(dir.resolve(RunDirectory.SPEC))) {
            throw new SpecException("--resume " + given + ": not a run directory (it has no " + RunDirectory.SPEC + ")");
        }
        String name = dir.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".partial")) {
            Path kept = RunDirectory.incomplete(dir.resolveSibling(name.substring(1, name.length() - ".partial".length())));
            if (Files.exists(kept)) {
                throw new SpecException("--resume " + given + ": " + kept + " exists too; resume that one or remove one of them");
            }
            Files.move(dir, kept);
            return kept;
        }
        if (!RunDirectory.isIncomplete(dir) || !name.endsWith(".incomplete")) {
            throw new SpecException("--resume " + given + ": not an incomplete run directory (NAME.incomplete with a file " + RunDirectory.INCOMPLETE + ")");
        }
        return dir;
    }

    /** Where the resumed run completes: NAME, or a fresh name beside it if NAME exists. */
    static Path target(Path incomplete) {
        String name = incomplete.getFileName().toString();
        Path dir = incomplete.resolveSibling(name.substring(0, name.length() - ".incomplete".length()));
        return Files.exists(dir) || Files.exists(RunDirectory.staging(dir)) ? RunDirectory.newPath(dir.getParent(), dir.getFileName().toString()) : dir;
    }
}
