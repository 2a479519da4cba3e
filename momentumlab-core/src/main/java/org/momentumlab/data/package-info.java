/**
 * Data sets and generators. {@link org.momentumlab.data.PatchDataGenerator} draws the patch
 * distribution (D) of Jelassi &amp; Li into a flat {@link org.momentumlab.data.PatchDataset} in which
 * every example keeps its margin group and signal position, so accuracies can be reported per group.
 * Train and test sets come from independent named seed streams.
 */
package org.momentumlab.data;
