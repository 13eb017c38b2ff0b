package io.jvirt.driver.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.api.BaselineCPUFlag;
import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/**
 * virConnectBaselineCPU against libvirt's own answer (known gap: for Opteron_G5 + EPYC libvirt 9.0
 * picks Opteron_G4 with two features required and two disabled, where the fewest features listed is
 * Opteron_G5 with three disabled; its rule for such ties between models is not derived yet): each case is written to a file as virsh
 * reads it (one or more {@code <cpu>} elements) and given to
 * {@code virsh -c test:///default cpu-baseline FILE [--features]}; jvirt's test driver must print
 * the same CPU, or fail with the same message.
 */
class CpuBaselineTest {
    static Virt virt;
    static Connect conn;
    static Path dir;

    @BeforeAll
    static void open() throws IOException {
        virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");
        conn = virt.open("test:///default");
        dir = Files.createTempDirectory("cpu-baseline");
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    static String cpu(String model, String vendor, String... features) {
        StringBuilder b = new StringBuilder("<cpu>\n  <arch>x86_64</arch>\n");
        if (model != null) {
            b.append("  <model>").append(model).append("</model>\n");
        }
        if (vendor != null) {
            b.append("  <vendor>").append(vendor).append("</vendor>\n");
        }
        for (String f : features) {
            b.append("  <feature name='").append(f).append("'/>\n");
        }
        return b.append("</cpu>").toString();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // the surface table's cpu.xml (VirshTestDriverIT runs it through jvirtd too)
                Arguments.of("surface cpu.xml", List.of("<cpu>\n  <arch>x86_64</arch>\n  <model>core2duo</model>\n"
                        + "  <vendor>Intel</vendor>\n  <topology sockets='1' cores='2' threads='1'/>\n"
                        + "  <feature name='lahf_lm'/>\n</cpu>"), false),
                Arguments.of("surface cpu.xml expanded", List.of(cpu("core2duo", "Intel", "lahf_lm")), true),
                Arguments.of("bare model", List.of(cpu("Nehalem", null)), false),
                Arguments.of("bare model expanded", List.of(cpu("Haswell", null)), true),
                Arguments.of("a model that always disables a feature", List.of(cpu("EPYC", null)), false),
                Arguments.of("the same expanded", List.of(cpu("EPYC", null)), true),
                Arguments.of("features beyond the model, in libvirt's order",
                        List.of(cpu("core2duo", null, "x2apic", "vmx", "ht", "aes")), false),
                Arguments.of("vendor without a model vendor", List.of(cpu("qemu64", "AMD")), false),
                Arguments.of("a model of the other vendor", List.of(cpu("core2duo", "AMD")), false),
                Arguments.of("an AMD model for an Intel CPU", List.of(cpu("EPYC", "Intel")), false),
                Arguments.of("two CPUs of one model", List.of(cpu("Westmere", "Intel", "vmx"), cpu("Westmere", "Intel")),
                        false),
                Arguments.of("two models", List.of(cpu("Nehalem", "Intel"), cpu("Haswell", "Intel")), false),
                Arguments.of("two models, one vendor unsaid", List.of(cpu("Skylake-Client", "Intel"), cpu("Penryn", null)),
                        false),
                Arguments.of("three models expanded",
                        List.of(cpu("SandyBridge", null), cpu("Westmere", null, "avx"), cpu("Haswell", null)), true),
                Arguments.of("AMD models", List.of(cpu("Opteron_G3", "AMD"), cpu("EPYC", "AMD")), false),
                Arguments.of("Intel server and client", List.of(cpu("Skylake-Server", "Intel"), cpu("Icelake-Client", "Intel")),
                        false),
                Arguments.of("an old and a new model", List.of(cpu("Conroe", null), cpu("Cooperlake", null, "vmx")), false),
                Arguments.of("vendors differ", List.of(cpu("qemu64", "Intel"), cpu("qemu64", "AMD")), false),
                Arguments.of("model vendor differs", List.of(cpu("Nehalem", "Intel"), cpu("EPYC", "Intel")), false),
                Arguments.of("unknown vendor", List.of(cpu("qemu64", "Foo")), false),
                Arguments.of("unknown model", List.of(cpu("nosuch", null)), false),
                Arguments.of("unknown feature", List.of(cpu("core2duo", null, "nosuchfeat")), false),
                Arguments.of("no model", List.of(cpu(null, null, "sse2")), false),
                Arguments.of("no architecture", List.of("<cpu><model>core2duo</model></cpu>"), false),
                Arguments.of("unknown architecture", List.of("<cpu><arch>foo</arch><model>core2duo</model></cpu>"), false),
                Arguments.of("feature without a name", List.of("<cpu><arch>x86_64</arch><model>core2duo</model><feature/></cpu>"),
                        false),
                Arguments.of("a feature twice", List.of(cpu("core2duo", null, "vmx", "vmx")), false),
                Arguments.of("an architecture libvirt cannot baseline",
                        List.of("<cpu><arch>s390x</arch><model>z13</model></cpu>"), false));
    }

    record Answer(String out, int status) {
    }

    static Answer virsh(List<String> cpus, boolean expand) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/virsh"))) {
            throw new IllegalStateException("virsh is missing: install Debian's libvirt-clients (test.sh does)");
        }
        Path file = Files.createTempFile(dir, "cpu", ".xml");
        Files.writeString(file, String.join("\n", cpus) + "\n");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh", "-c", "test:///default", "cpu-baseline",
                file.toString()));
        if (expand) {
            cmd.add("--features");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("virsh cpu-baseline did not finish in 60 s");
        }
        return new Answer(out, p.exitValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsLibvirtsTestDriver(String name, List<String> cpus, boolean expand) throws Exception {
        Answer libvirt = virsh(cpus, expand);
        String ours;
        try {
            ours = conn.baselineCPU(cpus, expand ? new BaselineCPUFlag[] { BaselineCPUFlag.EXPAND_FEATURES }
                    : new BaselineCPUFlag[0]) + "\n";
        } catch (VirtException e) {
            ours = "error: " + e.getMessage() + "\n\n";
        }
        assertEquals(libvirt.out(), ours, name);
    }

    @Test
    void migratableIsRefusedAsLibvirtsTestDriverDoes() {
        // virsh -c test:///default cpu-baseline cpu.xml --migratable:
        // error: unsupported flags (0x2) in function testConnectBaselineCPU
        VirtException e = assertThrows(VirtException.class,
                () -> conn.baselineCPU(List.of(cpu("core2duo", null)), BaselineCPUFlag.MIGRATABLE));
        assertEquals(ErrorCode.INVALID_ARG, e.code());
        assertEquals("unsupported flags (0x2) in function testConnectBaselineCPU", e.getMessage());
    }

    @Test
    void noCpusIsAnInvalidArgument() {
        VirtException e = assertThrows(VirtException.class, () -> conn.baselineCPU(List.of()));
        assertEquals(ErrorCode.INVALID_ARG, e.code());
        assertEquals("invalid argument: no CPUs given", e.getMessage());
    }
}
