package org.momentumlab.deep.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import org.momentumlab.experiment.SpecException;

/**
 * The deep-learning engine: DJL over PyTorch's native library, which comes from Maven Central as a
 * jar ({@code ai.djl.pytorch:pytorch-native-cpu}, classifier {@code linux-x86_64}) and is unpacked
 * into DJL's cache on first use. DJL is started offline ({@code ai.djl.offline=true}, set here unless
 * the caller set it), so it never tries to download anything. Java 22+ wants
 * {@code --enable-native-access=ALL-UNNAMED} for the native calls (the launchers and the test runner
 * pass it).
 */
public final class DeepEngine {
    /** The DJL engine name of PyTorch. */
    public static final String NAME = "PyTorch";

    /**
     * The environment variable that caps the instruction set of PyTorch's oneDNN. With its AVX2 and
     * AVX-512 convolution kernels (PyTorch 2.7.1 here) the float32 gradients of a convolution whose
     * input needs a gradient differed from float64 by about 1% on this project's test machines
     * (deterministically with AVX2, varying from run to run with AVX-512), and agreed to 1e-8 with
     * {@code AVX}. The {@code mlab} launcher and the test runner set it to {@code AVX}; float32 runs
     * are refused where it is not set (any value, e.g. {@code ALL}, is taken as the user's choice).
     */
    public static final String ONEDNN_ISA = "ONEDNN_MAX_CPU_ISA";

    /** Refuses float32 networks where {@link #ONEDNN_ISA} is not set; one line for the user. */
    public static void checkFloat32() {
        if (System.getenv(ONEDNN_ISA) == null && System.getenv("DNNL_MAX_CPU_ISA") == null) {
            throw new SpecException("model.precision = float32 needs " + ONEDNN_ISA + " in the environment (the mlab launcher sets AVX):"
                    + " PyTorch's AVX2/AVX-512 convolution kernels gave wrong float32 gradients in our checks; set it to ALL to use them anyway");
        }
    }

    private DeepEngine() {
    }

    /** The PyTorch engine, started offline on first use. */
    public static synchronized Engine get() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return Engine.getEngine(NAME);
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException("the PyTorch engine did not start: " + e.getMessage()
                    + " (its native library comes from the pytorch-native-cpu jar on the class path)", e);
        }
    }

    /**
     * The device for {@code name}: {@code cpu}, or {@code gpu} (the first CUDA device), which needs
     * a CUDA build of the natives (the project's {@code gpu} Maven profile) and a visible GPU.
     */
    public static Device device(String name) {
        return switch (name) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                int gpus = get().getGpuCount();
                if (gpus == 0) {
                    throw new SpecException("device gpu: the PyTorch engine sees no GPU (the default build has CPU natives only;"
                            + " build with -Pgpu on a machine with CUDA, see the README)");
                }
                yield Device.gpu();
            }
            default -> throw new SpecException("device " + name + " is not a device: use cpu or gpu");
        };
    }
}
