/** Kinds on the engine: {@code image-classifier} (a small CNN on Fashion-MNIST, MNIST, CIFAR-10/100). */
package org.momentumlab.deep.experiment;
