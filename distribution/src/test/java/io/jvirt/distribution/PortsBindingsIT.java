package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.NetNs;
import io.jvirt.testsupport.Shared;
import io.jvirt.testsupport.Virsh;

/**
 * Network ports and filter bindings with real virsh ({@code net-port-list/-create/-dumpxml/-delete},
 * {@code nwfilter-binding-list/-create/-dumpxml/-delete}) and libvirt-python (port parameters, which
 * virsh has no command for) through {@code bin/jvirt}'s jvirtd serving jvirt's test driver
 * ({@code test+unix:///default}) and through a real libvirtd 9.0 serving its network and nwfilter
 * drivers ({@code qemu+unix:///system}), run inside a network namespace this test creates. Both get
 * the same isolated network {@code pnet} (bridge {@code pbr0}); the namespace has a tap {@code eth1}
 * up, the device that exists (jvirt's test host has its {@code eth1}), and no other device the
 * documents name. Every command prints the same on both; one mask ({@link #mask}: the schema
 * validator's own words under VALIDATE). Nothing else needs one: the documents name their UUIDs,
 * and the network's own XML, whose MAC libvirtd generates, is read only through {@code --xpath} for
 * the {@code connections} count.
 */
class PortsBindingsIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Pattern DETAILS = Pattern.compile("<summary>([^<]+)</summary>\\s*```[a-z]*\\n(.*?)```",
            Pattern.DOTALL);
    static final String NET = "<network><name>pnet</name><uuid>9b1e2a4c-7f1a-4a6e-9d3b-1c2d3e4f5a6b</uuid>"
            + "<bridge name='pbr0'/><ip address='192.168.200.1' netmask='255.255.255.0'/></network>\n";
    static final String PORT = """
            <networkport>
              <uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>
              <owner>
                <name>memtest</name>
                <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>
              </owner>
              <mac address='52:54:00:7b:35:93'/>
            </networkport>
            """;
    static final String BINDING = """
            <filterbinding>
              <owner>
                <name>memtest</name>
                <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>
              </owner>
              <portdev name='vnet0'/>
              <mac address='52:54:00:7b:35:93'/>
              <filterref filter='clean-traffic'>
                <parameter name='MAC' value='52:54:00:7b:35:93'/>
              </filterref>
            </filterbinding>
            """;
    static final String FILTER = "<filter name='ports-other' chain='root'>"
            + "<rule action='accept' direction='inout'><all/></rule></filter>\n";

    /** The script: one virsh process per line, $W is the work directory. */
    static final List<String> SCRIPT = List.of(
            "net-port-list pnet",
            "net-port-create pnet $W/port.xml",
            "net-port-list pnet",
            "net-port-list pnet --uuid",
            "net-port-list --table pnet",
            "net-port-dumpxml pnet 5d744f21-ba4a-4d6e-bdb2-30a35ff3207d",
            "net-dumpxml pnet --xpath string(/network/@connections)",
            "net-port-create pnet $W/port.xml",
            "net-port-create pnet $W/port-plugged.xml",
            "net-port-create pnet $W/port-nomac.xml",
            "net-port-create pnet $W/binding.xml",
            "net-port-create pnet $W/nonexistent.xml",
            "net-port-create pnet $W/port2.xml --validate",
            "net-port-create pnet $W/port-extra.xml --validate",
            "net-port-create nosuchnet $W/port.xml",
            "net-port-list pnet",
            "net-port-dumpxml pnet 00000000-0000-0000-0000-000000000001",
            "net-port-dumpxml pnet nonsense",
            "net-port-delete pnet 5d744f21-ba4a-4d6e-bdb2-30a35ff3207d",
            "net-port-delete pnet 5d744f21-ba4a-4d6e-bdb2-30a35ff3207d",
            "net-port-delete pnet 6d744f21-ba4a-4d6e-bdb2-30a35ff3207d",
            "net-port-list pnet",
            "net-dumpxml pnet --xpath string(/network/@connections)",
            "nwfilter-binding-list",
            "nwfilter-binding-create $W/binding.xml",
            "nwfilter-binding-create $W/binding.xml",
            "nwfilter-binding-create $W/binding2.xml --validate",
            "nwfilter-binding-create $W/binding-extra.xml --validate",
            "nwfilter-binding-create $W/binding-eth1.xml",
            "nwfilter-binding-create $W/port.xml",
            "nwfilter-binding-list",
            "nwfilter-binding-dumpxml vnet0",
            "nwfilter-binding-dumpxml tap9",
            "nwfilter-binding-dumpxml nope",
            "nwfilter-define $W/filter.xml",
            "nwfilter-binding-create $W/binding-eth1-other.xml",
            "nwfilter-undefine ports-other",
            "nwfilter-binding-list",
            "nwfilter-binding-delete eth1",
            "nwfilter-undefine ports-other",
            "nwfilter-binding-delete vnet0",
            "nwfilter-binding-delete vnet0",
            "nwfilter-binding-delete tap9",
            "nwfilter-binding-list");

    private static Path tmp;
    private static Path work;
    private static NetNs ns;
    private static Libvirtd libvirtd;
    private static JvirtProcess jvirt;
    private static Process holder;
    private static String ours;
    private static String theirs;

    @BeforeAll
    static void start() throws Exception {
        Virsh.require();
        String dist = System.getProperty("jvirt.dist");
        if (dist == null || !Files.isDirectory(Path.of(dist))) {
            fail("no distribution at " + dist + ": run mvn -B verify (packaging builds it)");
        }
        tmp = Files.createTempDirectory(Path.of("/tmp"), "jvirt-ports");
        work = Files.createDirectories(tmp.resolve("work"));
        writeInputs();
        ns = NetNs.create("ports-it");
        ns.exec("ip", "tuntap", "add", "dev", "eth1", "mode", "tap");
        ns.exec("ip", "link", "set", "eth1", "up");
        libvirtd = Libvirtd.startIn(ns);
        theirs = libvirtd.uri("qemu", "system");

        Path jvirtDir = Files.createDirectories(tmp.resolve("jvirt"));
        jvirt = new JvirtProcess(Path.of(dist), jvirtDir, "--data", jvirtDir.resolve("data").toString(), "--unix-dir",
                jvirtDir.resolve("run").toString(), "--no-tcp");
        jvirt.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
        ours = "test+unix:///default?socket=" + jvirtDir.resolve("run/libvirt-sock");
        // test:///default lives while a connection is open (libvirtd's too): one connection holds it
        // for the whole test, as a long-running client would, so that each virsh below sees the last one's work
        holder = new ProcessBuilder("/usr/bin/virsh", "-c", ours, "event", "--all", "--loop")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("holder.out").toFile()).start();
        awaitConnections();
        for (String uri : List.of(ours, theirs)) {
            Virsh.Result r = Virsh.run(uri, "net-create", work.resolve("net.xml").toString());
            assertEquals(0, r.exit(), uri + ": " + r.err());
        }
    }

    /** Waits until the holder's connection is open: a binding one virsh makes is there for the next. */
    private static void awaitConnections() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Virsh.run(ours, "nwfilter-binding-create", work.resolve("binding-probe.xml").toString());
            boolean kept = Virsh.run(ours, "nwfilter-binding-dumpxml", "probe0").exit() == 0;
            Virsh.run(ours, "nwfilter-binding-delete", "probe0");
            if (kept) {
                return;
            }
            if (!holder.isAlive() || System.nanoTime() > end) {
                fail("the holding connection (virsh event --loop) did not connect:\n"
                        + Files.readString(tmp.resolve("holder.out")));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (holder != null) {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        if (jvirt != null) {
            jvirt.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
        if (ns != null) {
            ns.close();
        }
        if (tmp != null) {
            new ProcessBuilder("rm", "-rf", tmp.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void writeInputs() throws IOException {
        Files.writeString(work.resolve("net.xml"), NET);
        Files.writeString(work.resolve("port.xml"), PORT);
        Files.writeString(work.resolve("port2.xml"), PORT.replace("5d744f21", "6d744f21"));
        Files.writeString(work.resolve("port-plugged.xml"), PORT.replace("5d744f21", "7d744f21")
                .replace("</networkport>", "  <plug type='network' bridge='pbr0'/>\n</networkport>"));
        Files.writeString(work.resolve("port-nomac.xml"), PORT.replace("  <mac address='52:54:00:7b:35:93'/>\n", ""));
        Files.writeString(work.resolve("port-extra.xml"), PORT.replace("</networkport>", "  <foo/>\n</networkport>"));
        Files.writeString(work.resolve("binding.xml"), BINDING);
        Files.writeString(work.resolve("binding2.xml"), BINDING.replace("vnet0", "tap9"));
        Files.writeString(work.resolve("binding-extra.xml"),
                BINDING.replace("vnet0", "tap8").replace("</filterbinding>", "  <foo/>\n</filterbinding>"));
        // a filter no host has: libvirtd loads Debian's stock filters (clean-traffic among them)
        // when libvirt-daemon-config-nwfilter, which libvirt-daemon recommends, is installed
        Files.writeString(work.resolve("binding-eth1.xml"),
                BINDING.replace("vnet0", "eth1").replace("clean-traffic", "ports-no-such-filter"));
        Files.writeString(work.resolve("binding-eth1-other.xml"),
                BINDING.replace("vnet0", "eth1").replace("clean-traffic", "ports-other"));
        Files.writeString(work.resolve("binding-probe.xml"), BINDING.replace("vnet0", "probe0"));
        Files.writeString(work.resolve("filter.xml"), FILTER);
        // the inputs of the test driver surface table (port.xml and binding.xml of its rows)
        String md = Files.readString(Shared.dir().resolve("conformance/test-driver-surface.md"));
        Matcher m = DETAILS.matcher(md);
        Path surface = Files.createDirectories(work.resolve("surface"));
        while (m.find()) {
            Files.writeString(surface.resolve(m.group(1).trim()), m.group(2));
        }
    }

    /** virsh's output (stdout and stderr as a terminal shows them) and exit status for each line. */
    private static String transcript(String uri) throws Exception {
        StringBuilder t = new StringBuilder();
        for (String line : SCRIPT) {
            String[] args = line.replace("$W", work.toString()).split(" ");
            List<String> argv = new ArrayList<>(List.of("/usr/bin/virsh", "-c", uri));
            argv.addAll(List.of(args));
            Path out = Files.createTempFile(tmp, "virsh", ".out");
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("virsh " + line + " hung on " + uri);
            }
            t.append("$ virsh ").append(line).append('\n').append(Files.readString(out)).append("[exit ")
                    .append(p.exitValue()).append("]\n");
            Files.delete(out);
        }
        return mask(t.toString().replace(work.toString(), "$W"));
    }

    /**
     * What must differ: with VALIDATE, the schema validator's own report of what the document breaks
     * (libvirtd quotes libxml2's RELAX NG validator, jvirt its Jing validator), on the line after
     * libvirt's "Unable to validate doc against SCHEMA"; code, message head and schema are compared.
     */
    static String mask(String transcript) {
        return transcript.replaceAll("(Unable to validate doc against \\S+\n)[^\n]*\n", "$1(validator's report)\n");
    }

    @Test
    void virshPrintsTheSameThroughJvirtdAndLibvirtd() throws Exception {
        String expected = transcript(theirs);
        String actual = transcript(ours);
        assertTrue(expected.contains("Network port 5d744f21-ba4a-4d6e-bdb2-30a35ff3207d created from"), expected);
        assertTrue(expected.contains("Network filter binding on vnet0 created from"), expected);
        assertEquals(expected, actual);
    }

    @Test
    void libvirtPythonSeesTheSamePortParametersAndErrors() throws Exception {
        Path script = tmp.resolve("ports_scenarios.py");
        try (InputStream in = PortsBindingsIT.class.getResourceAsStream("ports_scenarios.py")) {
            Files.write(script, in.readAllBytes());
        }
        String expected = python(script, theirs);
        String actual = python(script, ours);
        assertTrue(expected.contains("params: [('inbound.average', 1000)"), expected);
        assertEquals(expected, actual);
    }

    private static String python(Path script, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(script.getFileName() + " " + String.join(" ", args) + " failed (python3-libvirt installed?):\n" + out);
        }
        return out;
    }

    /**
     * The rows of virsh-deliberate.txt (VirshTestDriverIT's deliberate differences) for ports and
     * bindings, with the surface table's API in error.
     */
    static Stream<Arguments> differences() throws IOException {
        List<String> rows = new ArrayList<>(VirshTestDriverIT.listed("virsh-deliberate.txt").keySet());
        rows.removeIf(c -> !c.startsWith("net-port-") && !c.startsWith("nwfilter-binding-"));
        List<Arguments> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(Shared.dir().resolve("conformance/test-driver-surface.tsv"));
        List<String> header = List.of(lines.get(0).split("\t", -1));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if ("primary".equals(f[header.indexOf("row")]) && rows.remove(f[header.indexOf("command")])) {
                out.add(Arguments.of(f[header.indexOf("command")], f[header.indexOf("class")],
                        f[header.indexOf("api_in_error")]));
            }
        }
        assertEquals(List.of(), rows, "rows naming no command of the surface table");
        return out.stream();
    }

    /**
     * Each listed difference is real: the public API the surface table names for the command fails
     * with VIR_ERR_NO_SUPPORT (3) on libvirt 9.0's own test driver (libvirt-python in-process) and
     * is served by jvirt's test driver through jvirtd (its answer may be the error of the network or
     * nwfilter driver it follows, a port that does not exist say, never NO_SUPPORT).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("differences")
    void theTestDriverDifferenceIsReal(String command, String surfaceClass, String api) throws Exception {
        assertEquals("unsupported", surfaceClass, "the surface table records libvirt's test driver without " + command);
        Path script = tmp.resolve("ports_api_probe.py");
        try (InputStream in = PortsBindingsIT.class.getResourceAsStream("ports_api_probe.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path port = work.resolve("surface/port.xml");
        Path binding = work.resolve("surface/binding.xml");
        assertEquals("3\n", python(script, "test:///default", api, port.toString(), binding.toString()), api);
        String jvirts = python(script, ours, api, port.toString(), binding.toString());
        assertFalse(jvirts.equals("3\n"), api + " on jvirtd: " + jvirts);
    }
}
