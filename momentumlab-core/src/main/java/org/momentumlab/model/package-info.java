/**
 * Differentiable objectives over flat parameter vectors: value, gradient, Hessian-vector product
 * and predictions. The hot kernels live here (the cubic CNN of Jelassi &amp; Li), each checked by
 * tests against central finite differences and against a plain reference implementation.
 */
package org.momentumlab.model;
