/** Image data sets in their standard file formats: IDX (MNIST, Fashion-MNIST) and CIFAR-10/100 binary. */
package org.momentumlab.deep.data;
