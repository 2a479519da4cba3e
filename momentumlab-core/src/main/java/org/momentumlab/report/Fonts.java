package org.momentumlab.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The one typeface every figure draws its text with: DejaVu Sans, regular and bold, read from the
 * class path, never from the host. The TrueType files come from the Maven artifact
 * {@code net.sf.jasperreports:jasperreports-fonts} (only the font files are used; they are under
 * the DejaVu fonts licence, a Bitstream Vera derivative that allows redistribution, included in
 * that jar next to them).
 *
 * <p>Why: Java's logical fonts ({@code SansSerif}, {@code Dialog}, …; XChart's default theme uses
 * them) are resolved to the host's fonts through fontconfig. On a host without fonts, e.g. a slim
 * container, that fails in one of two places:
 * <ul>
 *   <li>with no font configuration at all, the JDK's font manager does not start: the first
 *       {@code Font.createFont} or text measurement throws {@code RuntimeException: Fontconfig head
 *       is null} (from {@code sun.awt.FontConfiguration.getVersion}, in {@code SunFontManager}'s
 *       constructor);</li>
 *   <li>when it does start (e.g. from a font list the JDK cached in {@code ~/.java/fonts} while the
 *       host still had fonts), the first text measured with a logical font throws
 *       {@code java.lang.Error: Probable fatal error: No physical fonts found} (from
 *       {@code SunFontManager.getDefaultPhysicalFont}).</li>
 * </ul>
 * A font made with {@link Font#createFont} is a physical font that needs nothing from the host. So
 * that no text ever goes through a logical font, {@link #style} puts the shipped font into every font
 * slot of an XChart styler and {@link #apply} makes it the default font of a canvas;
 * {@link FigureWriter#writeGridOf} does both before painting, so a chart that forgets to call
 * {@code style} still draws with it. For the first case, when creating the fonts fails with a
 * {@code RuntimeException} and the system property {@code sun.awt.fontconfig} is not set, the fonts
 * are loaded again after pointing that property at a font configuration written next to the copied
 * font files, which maps every logical font to the shipped faces (the JDK retries starting its font
 * manager after a failure); from then on, in this JVM, logical fonts are DejaVu Sans as well. A host
 * with fonts is left as it is. On a host without fontconfig configuration the native fontconfig
 * library still prints a harmless {@code Fontconfig error: Cannot load default config file} on
 * standard error (once per attempt to start the font manager).
 *
 * <p>The fonts are copied from the class path to a temporary folder under {@code java.io.tmpdir}
 * (deleted on exit), which must therefore be writable. They are also registered with the local
 * {@link GraphicsEnvironment}, so {@code new Font("DejaVu Sans", …)} finds them on a host without
 * DejaVu Sans of its own. XChart draws text as glyph outlines, so the SVG files carry the shapes
 * and need no font where they are viewed either.
 */
public final class Fonts {
    /** The family name of the shipped font, as {@link Font#getFamily()} reports it. */
    public static final String FAMILY = "DejaVu Sans";

    private static final String DIR = "/net/sf/jasperreports/fonts/dejavu/";
    /** The regular and the bold face: file names in {@link #DIR}, and full font names. */
    private static final List<String> FILES = List.of("DejaVuSans.ttf", "DejaVuSans-Bold.ttf");
    private static final List<String> FACES = List.of("DejaVu Sans", "DejaVu Sans Bold");
    /** The JDK's system property naming a font configuration file to use instead of the host's. */
    private static final String FONTCONFIG_PROPERTY = "sun.awt.fontconfig";

    private Fonts() {
    }

    /** Loaded on first use, once. */
    private static final class Faces {
        static final Font REGULAR;
        static final Font BOLD;

        static {
            Path dir = extract();
            Font[] faces;
            try {
                faces = create(dir);
            } catch (RuntimeException noFontConfiguration) {
                // The JDK's font manager did not start ("Fontconfig head is null"): the host has no
                // font configuration. Give it one made of the shipped fonts and try again.
                if (System.getProperty(FONTCONFIG_PROPERTY) != null) {
                    throw noFontConfiguration;
                }
                System.setProperty(FONTCONFIG_PROPERTY, writeFontConfiguration(dir).toString());
                try {
                    faces = create(dir);
                } catch (RuntimeException again) {
                    again.addSuppressed(noFontConfiguration);
                    throw again;
                }
            }
            REGULAR = faces[0];
            BOLD = faces[1].deriveFont(Font.BOLD);
            GraphicsEnvironment ge = GraphicsEnvironment.getLocalGraphicsEnvironment();
            ge.registerFont(REGULAR);
            ge.registerFont(BOLD);
        }

        /** Copies the font files from the class path into a new temporary folder, deleted on exit. */
        private static Path extract() {
            try {
                Path dir = Files.createTempDirectory("momentumlab-fonts-");
                dir.toFile().deleteOnExit();
                for (String file : FILES) {
                    Path to = dir.resolve(file);
                    to.toFile().deleteOnExit();
                    try (InputStream in = Fonts.class.getResourceAsStream(DIR + file)) {
                        if (in == null) {
                            throw new IllegalStateException("font " + DIR + file + " is missing from the class path"
                                    + " (it comes with net.sf.jasperreports:jasperreports-fonts)");
                        }
                        Files.copy(in, to);
                    }
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the shipped fonts to a temporary folder", e);
            }
        }

        /** The regular and bold faces, from the files in {@code dir}. */
        private static Font[] create(Path dir) {
            Font[] out = new Font[FILES.size()];
            for (int i = 0; i < out.length; i++) {
                Path file = dir.resolve(FILES.get(i));
                try {
                    out[i] = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read font " + file, e);
                } catch (FontFormatException e) {
                    throw new IllegalStateException("font " + file + " is not a TrueType font", e);
                }
            }
            return out;
        }

        /**
         * Writes {@code dir/fontconfig.properties}, a JDK font configuration that maps every logical
         * font (serif, sansserif, monospaced, dialog, dialoginput; bold styles to the bold face) to
         * the shipped files in {@code dir}.
         */
        private static Path writeFontConfiguration(Path dir) {
            StringBuilder sb = new StringBuilder("# Written by MomentumLab: the host has no font configuration\n");
            sb.append("version=1\nsequence.allfonts=latin-1\n");
            for (String logical : List.of("serif", "sansserif", "monospaced", "dialog", "dialoginput")) {
                for (String style : List.of("plain", "bold", "italic", "bolditalic")) {
                    sb.append(logical).append('.').append(style).append(".latin-1=")
                            .append(style.startsWith("bold") ? FACES.get(1) : FACES.get(0)).append('\n');
                }
            }
            for (int i = 0; i < FILES.size(); i++) {
                sb.append("filename.").append(FACES.get(i).replace(' ', '_')).append('=')
                        .append(dir.resolve(FILES.get(i)).toAbsolutePath().toString().replace("\\", "\\\\")).append('\n');
            }
            Path out = dir.resolve("fontconfig.properties");
            out.toFile().deleteOnExit();
            try {
                Files.writeString(out, sb, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
            return out;
        }
    }

    /** The regular face at {@code size} points. */
    public static Font regular(float size) {
        return Faces.REGULAR.deriveFont(Font.PLAIN, size);
    }

    /** The bold face at {@code size} points. */
    public static Font bold(float size) {
        return Faces.BOLD.deriveFont(Font.BOLD, size);
    }

    /**
     * The shipped font with the style and size of {@code like}: the bold face when {@code like} is
     * bold, else the regular one (italic is slanted from either).
     */
    public static Font like(Font like) {
        int style = like.getStyle();
        Font face = (style & Font.BOLD) != 0 ? Faces.BOLD : Faces.REGULAR;
        return face.deriveFont(style, like.getSize2D());
    }

    /**
     * Puts the shipped font into every font slot of {@code styler} (base, chart title, legend,
     * annotations, tool tips, buttons; axis titles and tick labels for axes charts; the cursor for XY
     * charts; bar labels for category charts), keeping each slot's size and style. Idempotent;
     * returns {@code styler}. Covers the chart kinds the project draws (XY and category); other kinds
     * (pie, dial, radar, …) have further slots of their own that it leaves alone.
     */
    public static <S extends Styler> S style(S styler) {
        styler.setBaseFont(like(styler.getBaseFont()));
        styler.setChartTitleFont(like(styler.getChartTitleFont()));
        styler.setLegendFont(like(styler.getLegendFont()));
        styler.setAnnotationTextFont(like(styler.getAnnotationTextFont()));
        styler.setAnnotationTextPanelFont(like(styler.getAnnotationTextPanelFont()));
        styler.setToolTipFont(like(styler.getToolTipFont()));
        styler.setChartButtonFont(like(styler.getChartButtonFont()));
        if (styler instanceof AxesChartStyler a) {
            a.setAxisTitleFont(like(a.getAxisTitleFont()));
            a.setAxisTickLabelsFont(like(a.getAxisTickLabelsFont()));
        }
        if (styler instanceof XYStyler xy) {
            xy.setCursorFont(like(xy.getCursorFont()));
        }
        if (styler instanceof CategoryStyler c) {
            c.setLabelsFont(like(c.getLabelsFont()));
        }
        return styler;
    }

    /** Makes the regular face at 12 points (the size of Java's default font) {@code g}'s font; returns {@code g}. */
    public static <G extends Graphics2D> G apply(G g) {
        g.setFont(regular(12));
        return g;
    }
}
