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

    public static final ImageClassifierSpec DEFAULTS = new ImageClassifierSpec(new Data(DataSet.FASHION_MNIST, "", 0, 0, false, 4,
            org.momentumlab.deep.data.Degradation.NONE),
            new Model(Arch.SMALL_CNN, 32, 64, 128, 1, false, org.momentumlab.model.Precision.FLOAT32), new Train(5, 128, Map.of(), 256, 2, Device.CPU, 1), new Probe(1, false, 0, 1000, 20, 10, false, 20, false), Map.of());

    public ImageClassifierSpec {
        optimizers = SeedRuns.ordered(optimizers);
    }

    /** Where the network runs. */
    public enum Device { CPU, GPU }

    /** The networks. */
    public enum Arch { SMALL_CNN, RESNET18, WRN16_8, VGG19 }

    /** The data sets the kind reads. */
    public enum DataSet { FASHION_MNIST, MNIST, CIFAR10, CIFAR100 }

    public record Data(@Doc("fashion_mnist, mnist (IDX files), cifar10 or cifar100 (binary version)") DataSet set,
                       @Doc("directory of the files; empty = /usr/share/datasets/fashion-mnist for fashion_mnist (Debian's dataset-fashion-mnist)")
                       String dir,
                       @Doc("train on a seeded subset of this many training images (0 = all)") int trainSubset,
                       @Doc("test on a seeded subset of this many test images (0 = all)") int testSubset,
                       @Doc("augment training batches: random crop after zero padding, and left-right flip (off by default: "
                               + "Jelassi & Li train without augmentation); never applied to evaluation or probes") boolean augment,
                       @Doc("pixels of padding for the random crop") int augmentPad,
                       @Doc("Jelassi & Li's small-margin data (Figure 4): degrade a seeded fraction of the training and of the test "
                               + "images (lower resolution, Gaussian noise, permuted colour channels) and report test accuracy on them "
                               + "(test_acc_degraded) beside the overall one; off by default")
                       org.momentumlab.deep.data.Degradation degrade) {
        public Data {
            Check.atLeast("augment_pad", augmentPad, 0);
            Check.atLeast("train_subset", trainSubset, 0);
            Check.atLeast("test_subset", testSubset, 0);
        }
    }

    public record Model(@Doc("small_cnn (two 3x3 convolutions and a hidden layer, for CPU-scale runs), resnet18 (CIFAR stem), "
                                + "wrn16_8 (pre-activation WideResNet-16-8) or vgg19 (32x32 images)") Arch arch,
                        @Doc("small_cnn: channels of the first 3x3 convolution") int channels1,
                        @Doc("small_cnn: channels of the second 3x3 convolution") int channels2,
                        @Doc("small_cnn: units of the hidden fully connected layer") int hidden,
                        @Doc("resnet18, wrn16_8, vgg19: every layer's channel count divided by this (1 = the published network; "
                                + "8 = a narrow copy for CPU-scale runs)") int widthDivisor,
                        @Doc("resnet18, wrn16_8, vgg19: batch normalisation after every convolution (off, as in Jelassi & Li's "
                                + "Figure 1; on for their batch-norm ablation); evaluation and probes use the running averages")
                        boolean batchNorm,
                        @Doc("float32 (default, as PyTorch trains) or float64 (about 2x slower here; its gradients are checked against "
                                + "finite differences, and float32 against float64)")
                        org.momentumlab.model.Precision precision) {
        public Model {
            Check.atLeast("channels1", channels1, 1);
            Check.atLeast("channels2", channels2, 1);
            Check.atLeast("hidden", hidden, 1);
            Check.atLeast("width_divisor", widthDivisor, 1);
            if (arch == Arch.SMALL_CNN && batchNorm) {
                throw new IllegalArgumentException("batch_norm: the small CNN has no normalisation; use arch resnet18 (with a "
                        + "width_divisor for CPU-scale runs) for the batch-norm ablation");
            }
        }
    }

    public record Train(@Doc("epochs (passes over the training images, each in a fresh seeded order)") int epochs,
                        @Doc("images per step; 0 = full batch (GD: the gradient over all training images, accumulated over "
                                + "micro-batches of eval_batch images)") int batchSize,
                        @Doc("per optimizer, a batch size in place of batch_size (e.g. {gd: 0, gdm: 0} beside sgd and sgdm at 128: "
                                + "Jelassi & Li's Figure 1 compares full-batch and mini-batch training in one run)")
                        Map<String, Integer> batchSizes,
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
            batchSizes = batchSizes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(batchSizes));
            for (Map.Entry<String, Integer> b : batchSizes.entrySet()) {
                Check.atLeast("batch_sizes." + b.getKey(), b.getValue(), 0);
            }
            Check.atLeast("eval_batch", evalBatch, 1);
        }

        /** The batch size of optimizer {@code name} (0 = full batch). */
        public int batchSizeOf(String name) {
            return batchSizes.getOrDefault(name, batchSize);
        }
    }

    public record Probe(@Doc("record metrics every k epochs (and after the last)") int everyEpochs,
                        @Doc("also record the full-data training loss and gradient norm (full_loss, full_grad_norm) at theta "
                                + "before the next update (one more pass over the training images with gradients)") boolean fullGradient,
                        @Doc("record the sharpness (top Hessian eigenvalue of the training loss, Lanczos on exact Hessian-vector "
                                + "products) every k epochs, at epoch 0 too (0 = never)") int sharpnessEveryEpochs,
                        @Doc("training images (a seeded subset) the sharpness is measured on") int sharpnessImages,
                        @Doc("largest number of Lanczos iterations (each one Hessian-vector product over sharpness_images)") int lanczosIterations,
                        @Doc("test_acc_variation, recorded with the last row: the sample std of the test accuracy over the last k probe "
                                + "rows (Ghosh et al.'s epoch-to-epoch variation; rows after epoch 0 only)") int variationRows,
                        @Doc("Sato & Iiduka's optimizer noise at the last step of each probed epoch, before its update: noise_level = "
                                + "|m_t - grad f(theta_t)| for the search direction m_t and the full-data gradient (evaluation mode, one "
                                + "more pass with gradients), noise_rel, noise_angle (degrees), direction_norm; noise_level_tail (mean over "
                                + "the second half of training), the variance bound C (grad_variance, from noise_draws fresh mini-batches), K "
                                + "(grad_norm_max) and the degree of smoothing delta (smoothing)") boolean noise,
                        @Doc("mini-batches per estimate of C at a noise probe (their own stream; 0 = none)") int noiseDraws,
                        @Doc("also noise_level_after = |m_t - grad f(theta_{t+1})|, the full gradient after the update as the code "
                                + "published with Sato & Iiduka's paper takes it (here in evaluation mode, without augmentation)")
                        boolean noiseAfterUpdate) {
        public Probe {
            Check.atLeast("every_epochs", everyEpochs, 1);
            Check.atLeast("sharpness_every_epochs", sharpnessEveryEpochs, 0);
            Check.atLeast("sharpness_images", sharpnessImages, 1);
            Check.atLeast("lanczos_iterations", lanczosIterations, 2);
            Check.atLeast("variation_rows", variationRows, 2);
            Check.atLeast("noise_draws", noiseDraws, 0);
        }
    }
}
