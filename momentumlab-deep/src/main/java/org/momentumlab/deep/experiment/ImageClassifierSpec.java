package org.momentumlab.deep.experiment;

import java.util.Map;
import org.momentumlab.experiment.OptimizerSpec;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * Image classification with a network on the engine (DJL, PyTorch CPU): every optimizer trains the
 * network from the same θ⁰ with the same mini-batch order for {@code train.epochs} epochs; after
 * every {@code probe.every_epochs} epochs the epoch's mean mini-batch loss and accuracy and the loss
 * and accuracy on the test set are recorded.
 */
public record ImageClassifierSpec(Data data, Model model, Train train, Probe probe,
                                  @Doc("the optimizers to compare, each from the same theta0: name -> type, lr and its fields")
                                  Map<String, OptimizerSpec> optimizers) {

    public static final ImageClassifierSpec DEFAULTS = new ImageClassifierSpec(new Data(DataSet.FASHION_MNIST, "", 0, 0, false, 4),
            new Model(32, 64, 128, org.momentumlab.model.Precision.FLOAT32), new Train(5, 128, 256, 2, Device.CPU, 1), new Probe(1, false, 0, 1000, 20), Map.of());

    public ImageClassifierSpec {
        optimizers = SeedRuns.ordered(optimizers);
    }

    /** Where the network runs. */
    public enum Device { CPU, GPU }

    /** The data sets the kind reads. */
    public enum DataSet { FASHION_MNIST, MNIST, CIFAR10, CIFAR100 }

    public record Data(@Doc("fashion_mnist, mnist (IDX files), cifar10 or cifar100 (binary version)") DataSet set,
                       @Doc("directory of the files; empty = /usr/share/datasets/fashion-mnist for fashion_mnist (Debian's dataset-fashion-mnist)")
                       String dir,
                       @Doc("train on a seeded subset of this many training images (0 = all)") int trainSubset,
                       @Doc("test on a seeded subset of this many test images (0 = all)") int testSubset,
                       @Doc("augment training batches: random crop after zero padding, and left-right flip (off by default: "
                               + "Jelassi & Li train without augmentation); never applied to evaluation or probes") boolean augment,
                       @Doc("pixels of padding for the random crop") int augmentPad) {
        public Data {
            Check.atLeast("augment_pad", augmentPad, 0);
            Check.atLeast("train_subset", trainSubset, 0);
            Check.atLeast("test_subset", testSubset, 0);
        }
    }

    public record Model(@Doc("channels of the first 3x3 convolution of the small CNN") int channels1,
                        @Doc("channels of the second 3x3 convolution") int channels2,
                        @Doc("units of the hidden fully connected layer") int hidden,
                        @Doc("float32 (default, as PyTorch trains) or float64 (about 2x slower here; its gradients are checked against "
                                + "finite differences, and float32 against float64)")
                        org.momentumlab.model.Precision precision) {
        public Model {
            Check.atLeast("channels1", channels1, 1);
            Check.atLeast("channels2", channels2, 1);
            Check.atLeast("hidden", hidden, 1);
        }
    }

    public record Train(@Doc("epochs (passes over the training images, each in a fresh seeded order)") int epochs,
                        @Doc("images per step; 0 = full batch (GD: the gradient over all training images, accumulated over "
                                + "micro-batches of eval_batch images)") int batchSize,
                        @Doc("images per forward pass when evaluating (memory, not results)") int evalBatch,
                        @Doc("PyTorch's intra-op threads; part of the spec because its CPU kernels round differently for "
                                + "different thread counts (mlab's --threads does not change the results)") int engineThreads,
                        @Doc("cpu, or gpu (the first CUDA device; needs the CUDA natives of the gpu Maven profile)") Device device,
                        @Doc("save each run's state every k epochs in the run directory's checkpoints/ (0 = never), so that "
                                + "mlab run --resume continues an interrupted run to the same results; a finished run directory keeps none")
                        int checkpointEveryEpochs) {
        public Train {
            Check.atLeast("checkpoint_every_epochs", checkpointEveryEpochs, 0);
            Check.atLeast("engine_threads", engineThreads, 1);
            Check.atLeast("epochs", epochs, 1);
            Check.atLeast("batch_size", batchSize, 0);
            Check.atLeast("eval_batch", evalBatch, 1);
        }
    }

    public record Probe(@Doc("record metrics every k epochs (and after the last)") int everyEpochs,
                        @Doc("also record the full-data training loss and gradient norm (full_loss, full_grad_norm) at theta "
                                + "before the next update (one more pass over the training images with gradients)") boolean fullGradient,
                        @Doc("record the sharpness (top Hessian eigenvalue of the training loss, Lanczos on exact Hessian-vector "
                                + "products) every k epochs, at epoch 0 too (0 = never)") int sharpnessEveryEpochs,
                        @Doc("training images (a seeded subset) the sharpness is measured on") int sharpnessImages,
                        @Doc("largest number of Lanczos iterations (each one Hessian-vector product over sharpness_images)") int lanczosIterations) {
        public Probe {
            Check.atLeast("every_epochs", everyEpochs, 1);
            Check.atLeast("sharpness_every_epochs", sharpnessEveryEpochs, 0);
            Check.atLeast("sharpness_images", sharpnessImages, 1);
            Check.atLeast("lanczos_iterations", lanczosIterations, 2);
        }
    }
}
