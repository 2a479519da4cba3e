package org.momentumlab.report;

/**
 * One panel of a figure: which metric, its title and y-axis label, log scales or not, and its file
 * name. On a log step axis, step 0 is left out.
 */
public record Panel(String metric, String title, String yLabel, boolean logY, String file, boolean logX) {

    /** A panel with a linear step axis. */
    public Panel(String metric, String title, String yLabel, boolean logY, String file) {
        this(metric, title, yLabel, logY, file, false);
    }
}
