/** Kind {@code flow-order}: heavy ball against Ghosh et al.'s O(h) and O(h²) modified flows, with fitted orders (preset {@code flow-order}). */
package org.momentumlab.experiment.floworder;
