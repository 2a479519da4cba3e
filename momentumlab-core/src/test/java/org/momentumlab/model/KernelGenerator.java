package org.momentumlab.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the float32 kernel source, CubicCnnKernel32.java, from the float64 one,
 * CubicCnnKernel64.java, in the spirit of the JDK's X-Vector.java.template, except that the
 * template is the float64 source itself and compiles unchanged: every marker is a comment.
 *
 * <p>Lines without a marker go through the substitution rules: {@code CubicCnnKernel64 →
 * CubicCnnKernel32}, {@code DoubleVector → FloatVector}, the word {@code Double → Float}
 * ({@code VectorSpecies<Double>}, {@code Double.SIZE}), {@code double[ → float[} (array types and
 * array creations; a scalar {@code double}, such as a loss or gradient sum, stays double),
 * {@code double.class → float.class}, {@code float64 → float32}, and the constants
 * {@code LANES = 8 → 16}, {@code PAD = 6 → 12}, {@code FALSE_SHARING_GAP = 16 → 32} (each
 * declaration must be present exactly once). Rules apply to comments too.
 *
 * <p>Markers, for the lines that really differ:
 * <ul>
 *   <li>{@code <code> // f32: keep}: the float32 line is {@code <code>} as it stands, without the
 *       rules (its doubles stay double);</li>
 *   <li>{@code <code> // f32: <line>}: the float32 line is {@code <line>}, verbatim, at the
 *       indentation of {@code <code>};</li>
 *   <li>a block {@code //#if f32} … {@code //#else} … {@code //#end} (each marker alone on its line,
 *       {@code //#else} optional): the lines between {@code //#if f32} and {@code //#else} are
 *       float32 lines commented out in the float64 source, each written as {@code <indent>// <line>}
 *       (or a bare {@code //} for an empty line) and emitted as {@code <indent><line>}, verbatim;
 *       the lines between {@code //#else} and {@code //#end} are float64 only.</li>
 * </ul>
 * Any other {@code //#} directive, an unbalanced block or an f32 block line that is not a comment
 * is an error.
 *
 * <p>Regenerate with {@value #REGENERATE_COMMAND} (run from the repository root);
 * {@link KernelGeneratorTest} fails while the committed float32 source differs from the output.
 * {@link #main} does the same from a plain {@code java} command line.
 */
public final class KernelGenerator {
    /** The float64 source (the template), relative to the module directory. */
    static final String SOURCE = "src/main/java/org/momentumlab/model/CubicCnnKernel64.java";
    /** The generated float32 source, relative to the module directory. */
    static final String TARGET = "src/main/java/org/momentumlab/model/CubicCnnKernel32.java";
    static final String REGENERATE_COMMAND =
            "bin/mvn -B -q -pl momentumlab-core test -Dtest=KernelGeneratorTest -Dmlab.regenerate=true";

    /** The first lines of the generated file. */
    static final String HEADER = String.join("\n",
            "// GENERATED FILE, DO NOT EDIT: generated from CubicCnnKernel64.java by",
            "// org.momentumlab.model.KernelGenerator (momentumlab-core/src/test/java). Edit the float64 source",
            "// (its \"// f32:\" and \"//#if f32\" markers hold the lines that differ here) and regenerate, from the",
            "// repository root:",
            "//   " + REGENERATE_COMMAND,
            "// KernelGeneratorTest fails while this file differs from the generator's output.",
            "",
            "");

    private record Rule(Pattern pattern, String replacement) {
    }

    /** Type and name substitutions, applied in this order to every unmarked line. */
    private static final List<Rule> RULES = List.of(
            word("CubicCnnKernel64", "CubicCnnKernel32"),
            word("DoubleVector", "FloatVector"),
            word("Double", "Float"),
            new Rule(Pattern.compile("\\bdouble(?=\\s*\\[)"), "float"),
            new Rule(Pattern.compile("\\bdouble\\.class\\b"), "float.class"),
            word("float64", "float32"));

    /** Constants whose float32 value differs: name, float64 value, float32 value. */
    private static final String[][] CONSTANTS = {
        {"LANES", "8", "16"},
        {"PAD", "6", "12"},
        {"FALSE_SHARING_GAP", "16", "32"},
    };

    private static final String TRAILING = "// f32:";
    private static final String KEEP = "keep";
    private static final Pattern BLOCK_LINE = Pattern.compile("^(\\s*)//(?: (.*))?$");

    private KernelGenerator() {
    }

    private static Rule word(String from, String to) {
        return new Rule(Pattern.compile("\\b" + Pattern.quote(from) + "\\b"), Matcher.quoteReplacement(to));
    }

    /** Thrown for a malformed template; the message names the line. */
    static final class TemplateException extends IllegalArgumentException {
        TemplateException(int line, String message) {
            super("CubicCnnKernel64.java:" + line + ": " + message);
        }

        TemplateException(String message) {
            super("CubicCnnKernel64.java: " + message);
        }
    }

    /** The float32 source generated from the float64 source {@code f64} (lines separated by \n). */
    static String generate(String f64) {
        return HEADER + generateBody(f64, true);
    }

    /**
     * The float32 lines for {@code f64}, without the header.
     *
     * @param checkConstants whether every constant of {@link #CONSTANTS} must be declared once
     */
    static String generateBody(String f64, boolean checkConstants) {
        if (f64.indexOf('\r') >= 0) {
            throw new TemplateException("carriage return found; the source must use \\n line endings");
        }
        String[] lines = f64.split("\n", -1);
        int[] constantHits = new int[CONSTANTS.length];
        List<String> out = new ArrayList<>();
        // 0: common lines, 1: inside //#if f32, 2: inside //#else
        int state = 0;
        int blockStart = 0;
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.startsWith("//#")) {
                switch (trimmed) {
                    case "//#if f32" -> {
                        if (state != 0) {
                            throw new TemplateException(no, "nested //#if f32 (block opened at line " + blockStart + ")");
                        }
                        state = 1;
                        blockStart = no;
                    }
                    case "//#else" -> {
                        if (state != 1) {
                            throw new TemplateException(no, "//#else without //#if f32");
                        }
                        state = 2;
                    }
                    case "//#end" -> {
                        if (state == 0) {
                            throw new TemplateException(no, "//#end without //#if f32");
                        }
                        state = 0;
                    }
                    default -> throw new TemplateException(no, "unknown directive '" + trimmed
                            + "' (expected //#if f32, //#else or //#end)");
                }
                continue;
            }
            if (state == 1) {
                Matcher mt = BLOCK_LINE.matcher(line);
                if (!mt.matches()) {
                    throw new TemplateException(no, "a line of an //#if f32 block must be a float32 line "
                            + "commented out as '<indent>// <line>': " + line);
                }
                out.add(mt.group(2) == null ? "" : mt.group(1) + mt.group(2));
                continue;
            }
            if (state == 2) {
                continue;
            }
            int marker = line.indexOf(TRAILING);
            if (marker >= 0) {
                String code = line.substring(0, marker).stripTrailing();
                String replacement = line.substring(marker + TRAILING.length()).strip();
                if (code.isBlank()) {
                    throw new TemplateException(no, "'// f32:' must follow code on the same line");
                }
                if (replacement.isEmpty()) {
                    throw new TemplateException(no, "'// f32:' needs 'keep' or a replacement line");
                }
                if (replacement.equals(KEEP)) {
                    out.add(code);
                } else {
                    out.add(indentation(line) + replacement);
                }
                continue;
            }
            out.add(substitute(line, constantHits));
        }
        if (state != 0) {
            throw new TemplateException(blockStart, "//#if f32 without //#end");
        }
        if (checkConstants) {
            for (int c = 0; c < CONSTANTS.length; c++) {
                if (constantHits[c] != 1) {
                    throw new TemplateException("expected one declaration 'static final int " + CONSTANTS[c][0]
                            + " = " + CONSTANTS[c][1] + ";', found " + constantHits[c]);
                }
            }
        }
        return String.join("\n", out);
    }

    private static String substitute(String line, int[] constantHits) {
        String s = line;
        for (Rule r : RULES) {
            s = r.pattern().matcher(s).replaceAll(r.replacement());
        }
        for (int c = 0; c < CONSTANTS.length; c++) {
            String from = "static final int " + CONSTANTS[c][0] + " = " + CONSTANTS[c][1] + ";";
            int at = s.indexOf(from);
            if (at >= 0) {
                constantHits[c]++;
                s = s.substring(0, at) + "static final int " + CONSTANTS[c][0] + " = " + CONSTANTS[c][2] + ";"
                        + s.substring(at + from.length());
            }
        }
        return s;
    }

    private static String indentation(String line) {
        int k = 0;
        while (k < line.length() && Character.isWhitespace(line.charAt(k))) {
            k++;
        }
        return line.substring(0, k);
    }

    /** The module directory (momentumlab-core): the working directory under Surefire, or below it. */
    static Path moduleDir() {
        for (String candidate : new String[] {System.getProperty("basedir", "."), ".", "momentumlab-core"}) {
            Path dir = Path.of(candidate);
            if (Files.isRegularFile(dir.resolve(SOURCE))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find " + SOURCE + " from " + Path.of("").toAbsolutePath()
                + "; run from the repository root or the momentumlab-core directory");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the generated float32 source; returns whether the file changed. */
    static boolean regenerate(Path moduleDir) {
        String generated = generate(read(moduleDir.resolve(SOURCE)));
        Path target = moduleDir.resolve(TARGET);
        if (Files.isRegularFile(target) && read(target).equals(generated)) {
            return false;
        }
        try {
            Files.writeString(target, generated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /**
     * Regenerates CubicCnnKernel32.java. Argument: the momentumlab-core directory (default: found
     * from the working directory). Needs only the compiled test classes, e.g.
     * {@code java -cp momentumlab-core/target/test-classes org.momentumlab.model.KernelGenerator}.
     */
    public static void main(String[] args) {
        Path dir = args.length > 0 ? Path.of(args[0]) : moduleDir();
        boolean changed = regenerate(dir);
        System.out.println((changed ? "regenerated " : "up to date: ") + dir.resolve(TARGET));
    }
}
