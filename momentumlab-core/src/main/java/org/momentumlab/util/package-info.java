/**
 * Small shared utilities: deterministic seed streams, Gaussian sampling, fixed-chunk parallel
 * loops. Everything here is deterministic by construction: a seed gives the same numbers on any
 * machine and any thread count.
 */
package org.momentumlab.util;
