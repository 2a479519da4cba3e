package org.momentumlab.model.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArchSpecTest {

    private static void fails(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void parameterCountsMatchHandCounts() {
        int d = 30;
        assertEquals(30 + 1, new Network(ArchSpec.linear(), d).parameterCount());
        assertEquals(64 * 30 + 64 + 64 + 1, new Network(ArchSpec.mlp1(64), d).parameterCount());
        assertEquals((32 * 30 + 32) + (16 * 32 + 16) + (16 + 1), new Network(ArchSpec.mlp2(32, 16), d).parameterCount());
        // conv 8 filters of 5 taps + 8 biases; read-out over 8 channels × 26 positions + 1
        assertEquals(8 * 5 + 8 + 8 * 26 + 1, new Network(ArchSpec.cnn1(8, 5, 1), d).parameterCount());
        // stride 2, kernel 4: (30 − 4)/2 + 1 = 14 positions
        assertEquals(6 * 4 + 6 + 6 * 14 + 1, new Network(ArchSpec.cnn1(6, 4, 2), d).parameterCount());
        // P1 = 26; second conv 4 channels over 8, kernel 3, stride 2: P2 = (26 − 3)/2 + 1 = 12
        assertEquals((8 * 5 + 8) + (4 * 8 * 3 + 4) + (4 * 12 + 1),
                new Network(ArchSpec.cnn2(8, 5, 1, 4, 3, 2), d).parameterCount());
        // a kernel as long as the input: one position
        assertEquals(3 * 30 + 3 + 3 + 1, new Network(ArchSpec.cnn1(3, 30, 7), d).parameterCount());
    }

    @Test
    void parameterLayoutNamesTheBlocksInOrder() {
        assertEquals("w[1x30] b[1]", new Network(ArchSpec.linear(), 30).parameterLayout());
        assertEquals("W1[64x30] c1[64] a[1x64] b[1]", new Network(ArchSpec.mlp1(64), 30).parameterLayout());
        assertEquals("K1[8x1x5] c1[8] K2[8x8x5] c2[8] a[1x88] b[1]",
                new Network(ArchSpec.cnn2(8, 5, 1, 8, 5, 2), 30).parameterLayout());
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void defaultsAreValidForTable1(Architecture arch) {
        ArchSpec spec = ArchSpec.defaults(arch);
        assertEquals(arch, spec.arch());
        assertEquals(spec, spec.validate("student", ArchSpec.DEFAULT_D));
        assertEquals(arch, Architecture.parse("student.arch", arch.id().toUpperCase()));
    }

    @Test
    void messagesNameFieldValueAndRange() {
        fails("student.kernel = 40 is out of range: must be <= d = 30",
                () -> ArchSpec.cnn1(8, 40, 1).validate("student", 30));
        fails("teacher.kernel = 40 is out of range: must be <= d = 30",
                () -> new Network("teacher", ArchSpec.cnn2(8, 40, 1, 8, 5, 1), 30));
        fails("student.kernel2 = 27 is out of range: must be <= the first convolution's output length (d − kernel)/stride + 1 = 26",
                () -> new Network("student", ArchSpec.cnn2(8, 5, 1, 8, 27, 1), 30));
        fails("arch.kernel = 31 is out of range: must be <= d = 30", () -> new Network(ArchSpec.cnn1(8, 31, 1), 30));
        fails("student.width = 0 is out of range: must be >= 1",
                () -> ArchSpec.of("student", Architecture.MLP1, 0, 0, 0, 0, 0, 0, 0, 0, 1.0));
        fails("student.width2 = 0 is out of range: must be >= 1",
                () -> ArchSpec.of("student", Architecture.MLP2, 8, 0, 0, 0, 0, 0, 0, 0, 1.0));
        fails("student.stride = 0 is out of range: must be >= 1",
                () -> ArchSpec.of("student", Architecture.CNN1, 0, 0, 8, 0, 5, 0, 0, 0, 1.0));
        fails("student.channels2 = 0 is out of range: must be >= 1",
                () -> ArchSpec.of("student", Architecture.CNN2, 0, 0, 8, 0, 5, 5, 1, 1, 1.0));
        fails("student.init_scale = 0.0 is out of range: must be > 0",
                () -> ArchSpec.of("student", Architecture.LINEAR, 0, 0, 0, 0, 0, 0, 0, 0, 0.0));
        fails("arch.width = -1 is out of range: must be >= 0", () -> new ArchSpec(Architecture.LINEAR, -1, 0, 0, 0, 0, 0, 0, 0, 1.0));
        fails("arch.channels = 0 is out of range: must be >= 1", () -> ArchSpec.cnn1(0, 5, 1));
        fails("arch.init_scale = NaN is not a finite number", () -> ArchSpec.mlp1(4).withInitScale(Double.NaN));
        fails("student.arch is missing: must be one of linear, 1-mlp, 2-mlp, 1-cnn, 2-cnn",
                () -> ArchSpec.of("student", null, 0, 0, 0, 0, 0, 0, 0, 0, 1.0));
        fails("student.arch = \"3-mlp\" is not allowed: must be one of linear, 1-mlp, 2-mlp, 1-cnn, 2-cnn",
                () -> Architecture.parse("student.arch", "3-mlp"));
        fails("d = 0 is out of range: must be >= 1", () -> new Network(ArchSpec.linear(), 0));
    }

    @Test
    void unusedFieldsAreIgnored() {
        ArchSpec linear = new ArchSpec(Architecture.LINEAR, 5, 6, 7, 8, 99, 99, 3, 3, 1.0);
        assertEquals(31, new Network(linear, 30).parameterCount());
    }
}
