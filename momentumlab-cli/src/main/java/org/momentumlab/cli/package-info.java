/**
 * The {@code mlab} command line (picocli): run, list, describe, report, bench. User mistakes end in
 * one line on stderr and exit code 2; nothing half-written is left behind.
 */
package org.momentumlab.cli;
