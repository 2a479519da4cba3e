package org.momentumlab.report;

/**
 * One panel of a figure: which metric, its title and y-axis label, log scale or not, and an
 * optional file name.
 */
public record Panel(String metric, String title, String yLabel, boolean logY, String file) {
}
