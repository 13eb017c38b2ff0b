package io.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code virt:} commands, run by Gogo's command processor, print byte for byte what real virsh
 * prints for the same commands against {@code test:///default}: stdout and stderr, output layout
 * and error lines. The expected text is taken from virsh at test time, not stored.
 */
class VirshCommandsTest {
    @TempDir
    static Path dir;

    static Stream<List<String>> sessions() throws Exception {
        Path domain = dir.resolve("t2.xml");
        Files.writeString(domain, """
                <domain type='test'>
                  <name>t2</name>
                  <uuid>9d0d9c3e-0f55-4b8e-9c37-4c1f3e0e2a11</uuid>
                  <memory unit='KiB'>65536</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='i686'>hvm</type></os>
                </domain>
                """);
        Path notADomain = dir.resolve("pool.xml");
        Files.writeString(notADomain, "<pool type='dir'><name>p2</name><target><path>/tmp</path></target></pool>\n");
        return Stream.of(
                // reading: the default state in every layout virsh has for it
                List.of("list", "list --all", "list --inactive", "list --name", "list --uuid", "list --name --uuid",
                        "list --all --name", "list --state-shutoff", "list --state-running --table",
                        "list --persistent --all"),
                List.of("dominfo test", "dominfo 1", "dominfo 6695eb01-f6a4-8304-79aa-97f2502e193f",
                        "dominfo --domain test", "nodeinfo", "uri"),
                List.of("dumpxml test", "dumpxml --inactive test", "dumpxml --security-info 1"),
                List.of("capabilities"),
                List.of("net-list", "net-list --all", "net-list --inactive", "net-list --name", "net-list --uuid",
                        "net-info default", "net-info --network dd8fe884-6c02-601e-7551-cca97df1c5df"),
                List.of("pool-list", "pool-list --all", "pool-list --inactive", "pool-list --details",
                        "pool-list --name", "pool-list --uuid", "pool-list --uuid --name", "vol-list default-pool",
                        "vol-list --pool default-pool --details"),
                // options that exclude each other
                List.of("list --name --table", "list --uuid --table", "net-list --uuid --name",
                        "net-list --name --table", "pool-list --name --details", "pool-list --uuid --details"),
                // the lifecycle of a defined domain and of the running one
                List.of("define " + domain, "list --all", "dominfo t2", "start t2", "start t2", "suspend t2",
                        "list", "resume t2", "shutdown t2", "list --all", "start t2", "destroy t2", "undefine t2",
                        "list --all"),
                List.of("suspend test", "suspend test", "resume test", "resume test", "destroy test",
                        "shutdown test", "destroy test", "list --all --inactive", "undefine test", "list --all"),
                // errors after the command ran
                List.of("dominfo nope", "dumpxml nope", "net-info nope", "vol-list nope", "suspend nope",
                        "undefine nope", "start nope", "shutdown nope", "destroy nope", "resume nope",
                        "define " + dir.resolve("absent.xml"), "define " + notADomain),
                // the session's connection
                List.of("connect test:///default", "uri", "connect", "uri", "list --name"),
                // command lines virsh refuses before running anything (one per run: virsh stops there)
                List.of("dominfo"), List.of("dominfo a b"), List.of("vol-list"), List.of("net-info"),
                List.of("list --bogus"), List.of("capabilities x"), List.of("define"), List.of("nodeinfo --x"),
                List.of("vol-list --pool"));
    }

    @ParameterizedTest
    @MethodSource("sessions")
    void sameOutputAsVirsh(List<String> commands) throws Exception {
        VirshSession.Output expected = VirshSession.virsh(commands).normalized();
        VirshSession.Output actual = VirshSession.gogo(commands).normalized();
        assertEquals(expected.err(), actual.err(), "stderr of " + commands);
        assertEquals(expected.out(), actual.out(), "stdout of " + commands);
    }

    @Test
    void aFailedConnectLeavesTheSessionToTheDefaultUri() throws Exception {
        VirshSession.Output o = VirshSession.gogo(List.of("connect nope:///x", "uri"));
        assertTrue(o.err().startsWith("error: failed to connect to the hypervisor\nerror: "), o.err());
        assertEquals("\ntest:///default\n\n", o.out());
    }

    @Test
    void withoutTheRegistryTheCommandsSaySo() throws Exception {
        VirshSession.Output o = VirshSession.gogo(List.of("list", "drivers"), new io.jvirt.shell.virsh.Platform() {
            @Override
            public io.jvirt.api.Virt virt() {
                return null;
            }

            @Override
            public io.jvirt.api.runtime.DriverRegistryRuntime registry() {
                return null;
            }

            @Override
            public String bundleState(long bundleId) {
                return "ACTIVE";
            }
        });
        assertEquals("error: failed to connect to the hypervisor\n"
                + "error: the jvirt driver registry (io.jvirt.registry) is not running\n"
                + "error: the jvirt driver registry (io.jvirt.registry) is not running\n", o.err());
    }
}
