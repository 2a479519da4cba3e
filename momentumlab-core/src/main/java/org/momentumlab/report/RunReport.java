package org.momentumlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.nio.file.Path;
import org.momentumlab.experiment.rundir.AtomicFiles;
import org.momentumlab.experiment.rundir.RunDirectory;
import org.momentumlab.experiment.rundir.RunRecord;

/**
 * The report of one run directory, from its files only: table.md, the figures, then report.html. A table or a
 * figure that cannot be written gives one warning line and the results stay as they are.
 */
public final class RunReport {
    private RunReport() {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes table.md and figures/ of {@code record}'s directory; returns the table as text for the terminal. */
    public static String write(RunRecord record, PrintWriter warnings) {
        String table = RunTable.text(record.layout(), record.runs());
        Path dir = record.dir();
        String claims = "";
        try { // the claims of the spec, evaluated over the runs: into summary.json (claims), the table and the page
            List<Claims.Verdict> verdicts = Claims.ofRun(record);
            if (!verdicts.isEmpty()) {
                Path summary = dir.resolve(RunDirectory.SUMMARY);
                ObjectNode root = (ObjectNode) JSON.readTree(summary.toFile());
                root.set("claims", Claims.toJson(verdicts));
                AtomicFiles.write(summary, JSON.writeValueAsString(root) + "\n");
                table = table + "\n" + Claims.text(verdicts);
                claims = "\n## Claims\n\n" + Claims.markdown(verdicts);
            }
        } catch (Exception e) {
            warnings.println("mlab: warning: could not check the claims (" + reason(e) + "); the results are kept");
        }
        try {
            AtomicFiles.write(dir.resolve(RunDirectory.TABLE), RunTable.markdown(record.layout(), record.runs()) + claims);
        } catch (Exception e) {
            warnings.println("mlab: warning: could not write " + dir.resolve(RunDirectory.TABLE) + " (" + reason(e) + "); the results are kept");
        }
        try {
            RunFigures.write(record.layout(), record.runs(), dir.resolve(RunDirectory.FIGURES));
        } catch (Exception | Error e) {
            warnings.println("mlab: warning: could not draw the figures (" + reason(e) + "); the results are kept, "
                    + "mlab report " + dir + " draws them again");
        }
        try {
            HtmlReport.writeRun(record);
        } catch (Exception | Error e) {
            warnings.println("mlab: warning: could not write " + dir.resolve(HtmlReport.FILE) + " (" + reason(e) + "); the results are kept");
        }
        return table;
    }

    static String reason(Throwable e) {
        if (e instanceof Exception x && (x instanceof java.io.IOException)) {
            return RunDirectory.describe(x);
        }
        String m = e.getMessage();
        return m == null ? "an error in the drawing library" : m.split("\n")[0];
    }
}
