package org.momentumlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.momentumlab.experiment.Claim;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.rundir.AtomicFiles;
import org.momentumlab.experiment.rundir.RunDirectory;
import org.momentumlab.report.Claims;
import org.momentumlab.report.HtmlReport;
import org.momentumlab.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mlab reproduce}: runs every preset that carries claims and is meant for this mode (its
 * {@code reproduce} field: always, quick, full, gpu), then writes one verdict table (verdicts.md,
 * verdicts.csv) and one page (report.html). Each preset runs as {@code mlab run} or {@code mlab sweep}
 * would, into {@code OUT/runs/}, its output in {@code OUT/logs/PRESET.log}; a preset whose run
 * directory is finished is not run again, and a sweep resumes task by task, so an interrupted
 * reproduce continues where it stopped. Every claim of every preset is listed: those of presets not
 * run in this mode as "not run", those a preset could not measure (a failed run, data missing) as
 * "not measurable" with the reason.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run every preset that carries papers' claims and write one verdict table and page (resumes like a sweep).")
final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "the quick variants (minutes on a laptop) instead of the full ones")
    boolean quick;

    @Option(names = "--gpu", description = "also the GPU-sized presets (deep networks on CIFAR; they need the data and a GPU)")
    boolean gpu;

    @Option(names = "--paper", paramLabel = "NAME", description = "only the claims whose source names this paper (e.g. Jelassi, Ghosh, Sato, Wang)")
    String paper;

    @Option(names = "--out", paramLabel = "DIR", description = "where the runs, logs and verdicts go (default: runs/reproduce, or runs/reproduce-quick with --quick)")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "threads per run (default: all cores; results do not depend on it)")
    Integer threads;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "an override for every preset that has the key, e.g. --set data.dir=/data/cifar "
            + "for the GPU presets (repeatable; presets without the key run as they are)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "VERDICTS.csv", description = "a verdicts.csv of an earlier reproduce: exit 1 when a claim that held there does not hold now")
    Path expect;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    /** What a preset is, for reproduce. */
    record Entry(String preset, String mode, List<Claim> claims, boolean sweep, List<String> overrides) {
        /** The preset's spec tree with its overrides. */
        SpecTree tree() {
            SpecTree t = SpecTree.preset(preset);
            overrides.forEach(t::override);
            return t;
        }
    }

    /** A row of the verdict table. */
    record Row(String preset, Claim claim, String verdict, String measured, String criterion, String dir) {
    }

    static final String NOT_RUN = "not run";

    @Override
    public Integer call() throws IOException {
        Map<String, String> expected = expect == null ? null : readExpected(expect);
        Path dir = out != null ? out : Path.of("runs", quick ? "reproduce-quick" : "reproduce");
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new SpecException("--threads = " + t + " is out of range: must be in [1, 1024]");
        }
        List<Entry> entries = entries();
        if (paper != null && entries.isEmpty()) {
            throw new SpecException("--paper " + paper + ": no claim's source names it (the sources name Jelassi, Ghosh, Sato, Wang)");
        }
        for (String o : overrides) { // checked before anything runs: a key no preset has, a value a preset refuses
            if (entries.stream().noneMatch(e -> e.overrides().contains(o))) {
                throw new SpecException("--set " + o + ": no preset to reproduce has " + o.substring(0, o.indexOf('=')).strip());
            }
        }
        for (Entry e : entries) {
            if (!e.overrides().isEmpty()) {
                try {
                    ExperimentKinds.bindSpecOnly(org.momentumlab.experiment.sweep.SweepPlan.of(e.tree(), List.of(0L)).base());
                } catch (SpecException x) {
                    throw new SpecException(e.preset() + " with " + String.join(", ", e.overrides()) + ": " + x.getMessage());
                }
            }
        }
        List<Entry> selected = entries.stream().filter(e -> selected(e.mode())).toList();
        Files.createDirectories(dir.resolve("logs"));
        RunDirectory.checkWritable(dir);
        PrintWriter o = cmd.commandLine().getOut();
        o.printf(Locale.ROOT, "mlab reproduce%s: %d preset(s) with claims to run (%d claims), %d listed as not run in this mode; into %s%n",
                quick ? " --quick" : "", selected.size(), selected.stream().mapToInt(e -> e.claims().size()).sum(), entries.size() - selected.size(), dir);
        o.flush();
        List<Row> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int i = 0;
        long start = System.nanoTime();
        for (Entry e : entries) {
            if (!selected(e.mode())) {
                String why = e.mode().equals("gpu") ? "GPU-sized: mlab reproduce --gpu (needs the data and a GPU)"
                        : e.mode().equals("full") ? "full scale only: mlab reproduce" : "the quick variant: mlab reproduce --quick";
                e.claims().forEach(c -> rows.add(new Row(e.preset(), c, NOT_RUN, why, Claims.criterion(c.check()), "")));
                continue;
            }
            i++;
            long t0 = System.nanoTime();
            o.printf(Locale.ROOT, "[%d/%d] %s (%s) ... ", i, selected.size(), e.preset(), e.sweep() ? "sweep" : "run");
            o.flush();
            Path log = dir.resolve("logs").resolve(e.preset() + ".log");
            String failure = null;
            Path result = finished(dir.resolve("runs"), e);
            boolean reused = result != null && !e.sweep();
            if (!reused) {
                int code = runPreset(e, dir.resolve("runs"), t, log);
                result = finished(dir.resolve("runs"), e);
                if (code != 0 || result == null) {
                    failure = "the " + (e.sweep() ? "sweep" : "run") + " failed (exit " + code + "): " + lastLine(log) + " (" + log + ")";
                    failed.add(e.preset());
                }
            }
            List<Row> mine = verdicts(e, result, failure);
            rows.addAll(mine);
            o.printf(Locale.ROOT, "%s in %.1f s: %s%n", reused ? "finished before" : failure != null ? "failed" : "done",
                    (System.nanoTime() - t0) / 1e9, counts(mine));
            o.flush();
        }
        writeVerdicts(dir, rows);
        o.println();
        o.print(TextTable.render(table(rows, false), false));
        o.printf(Locale.ROOT, "%n%s in %.1f s; verdicts: %s, %s; page: %s%n", counts(rows), (System.nanoTime() - start) / 1e9,
                dir.resolve("verdicts.md"), dir.resolve("verdicts.csv"), dir.resolve(HtmlReport.FILE));
        var err = cmd.commandLine().getErr();
        int code = 0;
        if (expected != null) {
            List<String> lost = new ArrayList<>();
            int compared = 0;
            Map<String, Row> now = new LinkedHashMap<>();
            rows.forEach(r -> now.put(r.preset() + "/" + r.claim().name(), r));
            for (var e : expected.entrySet()) {
                if (!"holds".equals(e.getValue())) {
                    continue;
                }
                Row r = now.get(e.getKey());
                if (r == null) { // with --paper the others are not asked for; without it, a held claim may not vanish unseen
                    if (paper == null) {
                        lost.add(e.getKey() + ": held in " + expect + ", now no such claim (renamed or removed: update " + expect + ")");
                    }
                } else if (!NOT_RUN.equals(r.verdict())) {
                    compared++;
                    if (!"holds".equals(r.verdict())) {
                        lost.add(e.getKey() + ": held in " + expect + ", now " + r.verdict() + " (" + r.measured() + ")");
                    }
                }
            }
            if (!lost.isEmpty()) {
                lost.forEach(l -> err.println("mlab: a claim stopped holding: " + l));
                code = 1;
            } else {
                o.println("the " + compared + " claim(s) that held in " + expect + " and ran here hold");
            }
        }
        if (!failed.isEmpty()) {
            err.println("mlab: " + failed.size() + " preset(s) could not run: " + String.join(", ", failed)
                    + "; their claims are listed as not measurable, with the reason");
            code = 1;
        }
        return code;
    }

    private boolean selected(String mode) {
        return mode.equals("always") || (quick ? mode.equals("quick") : mode.equals("full")) || (gpu && mode.equals("gpu"));
    }

    /** Every preset with claims, in registration order, each with only the claims --paper keeps. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (String p : ExperimentKinds.presets()) {
            SpecTree tree = SpecTree.preset(p);
            List<Claim> claims = Claims.of(tree).stream()
                    .filter(c -> paper == null || c.source().toLowerCase(Locale.ROOT).contains(paper.toLowerCase(Locale.ROOT))).toList();
            String mode = tree.root().path("reproduce").asText("never");
            if (!claims.isEmpty() && !mode.equals("never")) {
                out.add(new Entry(p, mode, claims, tree.root().has("sweep"), applicable(tree)));
            }
        }
        return out;
    }

    /** The --set overrides whose key the preset's spec has (every field written, defaults too). */
    private List<String> applicable(SpecTree tree) {
        if (overrides.isEmpty()) {
            return List.of();
        }
        JsonNode resolved = ExperimentKinds.bindSpecOnly(org.momentumlab.experiment.sweep.SweepPlan.of(tree, List.of(0L)).base()).resolved();
        List<String> out = new ArrayList<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new SpecException("--set " + o + " must be KEY=VALUE, e.g. --set data.dir=/data/cifar");
            }
            JsonNode n = resolved;
            for (String part : o.substring(0, eq).strip().split("\\.")) {
                n = n == null ? null : n.get(part);
            }
            if (n != null) {
                out.add(o);
            }
        }
        return List.copyOf(out);
    }

    /** Runs a preset as mlab run or mlab sweep would, its output into {@code log}; returns the exit code. */
    private static int runPreset(Entry e, Path runs, int threads, Path log) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(log), true)) {
            // a sweep runs a task per core, or one task on every core where its kind runs one at a time (the deep kinds)
            boolean one = ExperimentKinds.of(e.tree().root()).maxParallelRuns() == 1;
            List<String> args = new ArrayList<>(e.sweep()
                    ? List.of("sweep", e.preset(), "--out", runs.toString(), "--parallel", one ? "1" : Integer.toString(threads),
                            "--threads", one ? Integer.toString(threads) : "1")
                    : List.of("run", e.preset(), "--out", runs.toString(), "--threads", Integer.toString(threads)));
            e.overrides().forEach(o -> args.addAll(List.of("--set", o)));
            return Mlab.execute(args.toArray(String[]::new), w, w);
        }
    }

    /**
     * The finished run directory of a preset under {@code runs} (the latest PRESET-DATE-TIME whose spec.yaml is the
     * preset's as it is now) or its sweep directory, or null.
     */
    static Path finished(Path runs, Entry e) throws IOException {
        if (e.sweep()) {
            Path s = runs.resolve(e.preset());
            return Files.isRegularFile(s.resolve("aggregate.csv")) ? s : null;
        }
        if (!Files.isDirectory(runs)) {
            return null;
        }
        // a run of another version of the preset does not count (its claims aside: they are evaluated again)
        String spec = SpecTree.withoutChecks(ExperimentKinds.bindSpecOnly(e.tree()).toYaml(), e.preset());
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(d -> d.getFileName().toString().matches(java.util.regex.Pattern.quote(e.preset()) + "-[0-9]{8}-[0-9]{6}(-[0-9]+)?")
                    && RunDirectory.isFinished(d) && sameSpec(d, spec)).max(Path::compareTo).orElse(null);
        }
    }

    private static boolean sameSpec(Path runDir, String spec) {
        try {
            return SpecTree.withoutChecks(Files.readString(runDir.resolve(RunDirectory.SPEC)), "spec.yaml").equals(spec);
        } catch (IOException | SpecException e) {
            return false;
        }
    }


    /** The preset's verdicts from its directory (summary.json or claims.json), or "not measurable" with {@code failure}. */
    static List<Row> verdicts(Entry e, Path result, String failure) throws IOException {
        List<Row> out = new ArrayList<>();
        Map<String, JsonNode> got = new LinkedHashMap<>();
        if (failure == null && result != null && !e.sweep()) {
            // a run's claims evaluated now, with the preset's claims as they are (the run may be from before a claim changed)
            var record = org.momentumlab.experiment.rundir.RunRecord.read(result);
            for (JsonNode c : Claims.toJson(Claims.ofRun(record, e.claims()))) {
                got.put(c.path("name").asText(), c);
            }
        } else if (failure == null && result != null) { // the sweep was aggregated just now, with these claims
            Path file = result.resolve(Claims.FILE);
            if (Files.isRegularFile(file)) {
                for (JsonNode c : new ObjectMapper().readTree(file.toFile()).path("claims")) {
                    got.put(c.path("name").asText(), c);
                }
            }
        }
        for (Claim c : e.claims()) {
            JsonNode v = got.get(c.name());
            if (v == null) {
                out.add(new Row(e.preset(), c, Claims.Status.NOT_MEASURABLE.word(),
                        failure != null ? failure : "no verdict recorded in " + result, Claims.criterion(c.check()), result == null ? "" : result.toString()));
            } else {
                out.add(new Row(e.preset(), c, v.path("verdict").asText(), v.path("measured").asText(), v.path("criterion").asText(), result.toString()));
            }
        }
        return out;
    }

    static String counts(List<Row> rows) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (String k : List.of("holds", "fails", "not measurable", NOT_RUN)) {
            int c = (int) rows.stream().filter(r -> r.verdict().equals(k)).count();
            if (c > 0) {
                n.put(k, c);
            }
        }
        List<String> parts = new ArrayList<>();
        n.forEach((k, c) -> parts.add(c + " " + k));
        return rows.size() + " claim(s): " + String.join(", ", parts);
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("mlab:")).toList();
            return lines.isEmpty() ? "see the log" : lines.get(lines.size() - 1).replaceFirst("^mlab: ", "");
        } catch (IOException e) {
            return "see the log";
        }
    }

    /** The verdict table: paper, preset, claim, verdict, ours, published (and the statement and run directory in the files). */
    static List<String[]> table(List<Row> rows, boolean full) {
        List<String[]> t = new ArrayList<>();
        t.add(full ? new String[] {"source", "preset", "claim", "statement", "verdict", "ours", "needs", "published", "directory"}
                : new String[] {"preset", "claim", "verdict", "source"});
        for (Row r : rows) {
            t.add(full ? new String[] {r.claim().source(), r.preset(), r.claim().name(), r.claim().statement(), r.verdict(), r.measured(), r.criterion(),
                r.claim().published(), r.dir()} : new String[] {r.preset(), r.claim().name(), r.verdict(), r.claim().source()});
        }
        return t;
    }

    private static void writeVerdicts(Path dir, List<Row> rows) throws IOException {
        List<String[]> t = table(rows, true);
        StringBuilder md = new StringBuilder("Claims of the papers, checked by mlab reproduce (95 % intervals over seeds)\n\n");
        md.append(TextTable.markdown(t.stream().map(r -> java.util.Arrays.copyOf(r, r.length - 1)).toList()));
        md.append("\nEach preset's directory is under ").append(dir.resolve("runs").getFileName()).append("/ beside this file; report.html links them.\n");
        AtomicFiles.write(dir.resolve("verdicts.md"), md.toString());
        StringBuilder csv = new StringBuilder("preset,claim,verdict,source,measured,criterion,published,directory\n");
        for (Row r : rows) {
            csv.append(String.join(",", Stream.of(r.preset(), r.claim().name(), r.verdict(), r.claim().source(), r.measured(), r.criterion(),
                    r.claim().published(), relative(dir, r.dir())).map(ReproduceCommand::csvCell).toList())).append('\n');
        }
        AtomicFiles.write(dir.resolve("verdicts.csv"), csv.toString());
        ArrayNode json = new ObjectMapper().createArrayNode();
        for (Row r : rows) {
            ObjectNode o = Claims.put(json.addObject().put("preset", r.preset()), r.claim(), r.verdict(), r.measured(), r.criterion());
            if (!r.dir().isEmpty()) {
                o.put("href", relative(dir, r.dir()) + "/" + HtmlReport.FILE);
            }
        }
        HtmlReport.writeReproduce(dir.resolve(HtmlReport.FILE), "mlab reproduce", "Every claim of the papers that MomentumLab checks, "
                + "with our numbers and the published ones; each preset links to its run or sweep page.", json);
    }

    /** {@code d} relative to the reproduce directory (as the page links it), empty for none. */
    static String relative(Path dir, String d) {
        return d.isEmpty() ? "" : dir.toAbsolutePath().normalize().relativize(Path.of(d).toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    static String csvCell(String s) {
        return "\"" + s.replace("\"", "\"\"").replaceAll("\\s*\\R\\s*", " ") + "\"";
    }

    /** The verdicts of an earlier verdicts.csv: preset/claim → verdict. */
    static Map<String, String> readExpected(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new SpecException("--expect " + file + ": cannot read it (" + RunDirectory.describe(e) + ")");
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("preset,claim,verdict")) {
            throw new SpecException("--expect " + file + " is not a verdicts.csv of mlab reproduce (its first line must be preset,claim,verdict,...)");
        }
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank()) {
                continue;
            }
            List<String> cells = csvCells(l);
            if (cells.size() < 3) {
                throw new SpecException("--expect " + file + ": a line has fewer than 3 cells: " + l);
            }
            out.put(cells.get(0) + "/" + cells.get(1), cells.get(2));
        }
        return out;
    }

    /** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
    static List<String> csvCells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
