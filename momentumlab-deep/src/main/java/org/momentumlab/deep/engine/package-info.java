/** DJL's PyTorch engine, started offline, and device selection. */
package org.momentumlab.deep.engine;
