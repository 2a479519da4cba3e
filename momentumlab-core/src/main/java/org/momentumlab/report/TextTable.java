package org.momentumlab.report;

import java.util.List;

/** Aligned plain-text and Markdown tables. The first row is the header. */
public final class TextTable {
    private TextTable() {
    }

    /** Columns padded to their widest cell, a rule under the header; all columns but the first right-aligned. */
    public static String render(List<String[]> rows) {
        return render(rows, true);
    }

    /** As {@link #render(List)}, with every column left-aligned when {@code rightAlign} is false. */
    public static String render(List<String[]> rows, boolean rightAlign) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(c == 0 ? "" : "  ").append(pad(r[c], w[c], rightAlign && c > 0));
            }
            b.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                for (int c = 0; c < cols; c++) {
                    b.append(c == 0 ? "" : "  ").append("-".repeat(w[c]));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** A Markdown pipe table; a '|' inside a cell is escaped. */
    public static String markdown(List<String[]> rows) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            b.append("| ").append(String.join(" | ", java.util.Arrays.stream(rows.get(i)).map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
            if (i == 0) {
                b.append("|").append(" --- |".repeat(rows.get(0).length)).append('\n');
            }
        }
        return b.toString();
    }

    private static String pad(String s, int w, boolean right) {
        String sp = " ".repeat(w - s.length());
        return right ? sp + s : s + sp;
    }
}
