/** JMH benchmarks of the hot kernels; run them with {@code ./mlab bench} or the JMH runner. */
package org.momentumlab.bench;
