package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.momentumlab.model.nets.ArchSpec;
import org.momentumlab.model.nets.Architecture;

/** Reads and writes {@link TeacherStudentSpec}s (kind {@code teacher-student}); see {@link PatchSpecCodec}. */
public final class TeacherStudentCodec {
    private TeacherStudentCodec() {
    }

    public static final String KIND = "teacher-student";

    /** Architecture fields and which architectures use them. */
    static final List<String> ARCH_FIELDS = List.of("width", "width2", "channels", "channels2", "kernel", "kernel2", "stride", "stride2");

    public static final List<Param> PARAMS = Param.list(Param.header(KIND, "teacher-student", "root seeds; each gives its own teacher, data and student W0"),
            new Param("data.d", Param.Kind.INT, 30, "input dimension, x ~ N(0, I_d)"),
            new Param("data.n_train", Param.Kind.INT, 500, "training examples"),
            new Param("data.n_test", Param.Kind.INT, 5000, "test examples"),
            new Param("teacher.arch", Param.Kind.WORD, "linear", "teacher network: " + Architecture.names()),
            new Param("teacher.*", Param.Kind.INT, "per arch", "width, width2 (MLP), channels, kernel, stride, channels2, kernel2, stride2 (CNN), init_scale"),
            new Param("student.arch", Param.Kind.WORD, "1-mlp", "student network: " + Architecture.names()),
            new Param("student.*", Param.Kind.INT, "per arch", "as for teacher"),
            new Param("model.lambda", Param.Kind.NUMBER, 0.0, "L2 coefficient (lambda/2)||theta||^2 of the student's loss"),
            new Param("train.epochs", Param.Kind.LONG, 1000L, "maximum epochs"),
            new Param("train.batch_size", Param.Kind.INT, 0, "examples per step; 0 = full batch"),
            new Param("train.stop_at_zero_error", Param.Kind.BOOL, true, "stop at the first epoch with zero training error"),
            new Param("probe.every_epochs", Param.Kind.LONG, 10L, "metrics every k epochs"));

    public static TeacherStudentSpec decode(SpecTree tree) {
        SpecReader r = new SpecReader(tree.root());
        r.word("experiment", KIND, List.of(KIND));
        String name = r.name("teacher-student");
        String description = r.text("description", "");
        List<Long> seeds = PatchSpecCodec.seeds(r);
        try {
            int d = r.intValue("data.d", 30);
            int nTrain = r.intValue("data.n_train", 500);
            int nTest = r.intValue("data.n_test", 5000);
            ArchSpec teacher = arch(r, "teacher", "linear");
            ArchSpec student = arch(r, "student", "1-mlp");
            double lambda = r.number("model.lambda", 0);
            long epochs = r.integer("train.epochs", 1000);
            int batch = r.intValue("train.batch_size", 0);
            boolean stopZero = r.bool("train.stop_at_zero_error", true);
            long every = r.integer("probe.every_epochs", 10);
            long steps = epochs * (batch == 0 ? 1 : (nTrain + batch - 1) / Math.max(batch, 1));
            Map<String, OptimizerSpec> optimizers = new LinkedHashMap<>();
            for (String o : r.children("optimizers")) {
                optimizers.put(o, PatchSpecCodec.optimizer(r, o, steps));
            }
            Map<String, String> sources = r.textMap("sources");
            r.rejectUnknown();
            return new TeacherStudentSpec(name, description, seeds, d, nTrain, nTest, teacher, student, lambda, epochs, batch,
                    stopZero, every, optimizers, sources);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
    }

    /** Fields an architecture does not use are accepted (grids may set them) but take the default. */
    static ArchSpec arch(SpecReader r, String prefix, String dflt) {
        Architecture a = Architecture.parse(prefix + ".arch", r.text(prefix + ".arch", dflt));
        ArchSpec def = ArchSpec.defaults(a);
        int[] given = new int[ARCH_FIELDS.size()];
        int[] defaults = values(def);
        for (int i = 0; i < given.length; i++) {
            given[i] = r.intValue(prefix + "." + ARCH_FIELDS.get(i), defaults[i]);
            if (!uses(a, ARCH_FIELDS.get(i))) {
                given[i] = defaults[i];
            }
        }
        double scale = r.number(prefix + ".init_scale", 1.0);
        return ArchSpec.of(prefix, a, given[0], given[1], given[2], given[3], given[4], given[5], given[6], given[7], scale);
    }

    static int[] values(ArchSpec s) {
        return new int[] {s.width(), s.width2(), s.channels(), s.channels2(), s.kernel(), s.kernel2(), s.stride(), s.stride2()};
    }

    static boolean uses(Architecture a, String field) {
        return switch (a) {
            case LINEAR -> false;
            case MLP1 -> field.equals("width");
            case MLP2 -> field.equals("width") || field.equals("width2");
            case CNN1 -> field.equals("channels") || field.equals("kernel") || field.equals("stride");
            case CNN2 -> field.startsWith("channels") || field.startsWith("kernel") || field.startsWith("stride");
        };
    }

    public static ObjectNode encode(TeacherStudentSpec s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("experiment", KIND);
        root.put("name", s.name());
        root.put("description", s.description());
        var seeds = root.putArray("seeds");
        s.seeds().forEach(seeds::add);
        ObjectNode data = root.putObject("data");
        data.put("d", s.d());
        data.put("n_train", s.trainSize());
        data.put("n_test", s.testSize());
        encodeArch(root.putObject("teacher"), s.teacher());
        encodeArch(root.putObject("student"), s.student());
        root.putObject("model").put("lambda", s.lambda());
        ObjectNode train = root.putObject("train");
        train.put("epochs", s.epochs());
        train.put("batch_size", s.batchSize());
        train.put("stop_at_zero_error", s.stopAtZeroError());
        root.putObject("probe").put("every_epochs", s.probeEvery());
        PatchSpecCodec.encodeOptimizers(root, s.optimizers());
        PatchSpecCodec.encodeSources(root, s.sources());
        return root;
    }

    static void encodeArch(ObjectNode n, ArchSpec a) {
        n.put("arch", a.arch().id());
        int[] v = values(a);
        for (int i = 0; i < v.length; i++) {
            if (uses(a.arch(), ARCH_FIELDS.get(i))) {
                n.put(ARCH_FIELDS.get(i), v[i]);
            }
        }
        n.put("init_scale", a.initScale());
    }
}
