package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.TypedParameter;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.Virsh;

/**
 * Guest statistics as monitoring tools read them: real virsh against jvirtd serving this driver and
 * against a real libvirtd 9.0 with the same domain (two disks, a user-mode and a tap NIC, a balloon),
 * shut off, running and paused, under KVM when this machine has it (KVM adds the hypervisor's own
 * vcpu.N.* and vm.* figures), else TCG. Keys, their order and which commands fail must match; values are
 * masked there and checked for sense on jvirt's side instead. The guest is SeaBIOS looking for
 * something to boot (it reads the first disk), which is all the activity the values need.
 */
class DomainStatsTest {
    private static final String NAME = "jqstats";
    private static final long QCOW2_SIZE = 64L << 20;
    private static final long RAW_SIZE = 32L << 20;

    private static QemuFixture jq;
    private static Connect sys;
    private static Server server;
    private static Libvirtd libvirtd;
    private static String jvirt;
    private static String reference;
    private static String tap;

    @BeforeAll
    static void start() throws Exception {
        Virsh.require();
        jq = new QemuFixture();
        // virsh refuses embed URIs over a socket: the fixture's driver keeps qemu:///system under its root too
        InProcessVirt virt = new InProcessVirt("qemu:///system").add(jq.driver, "qemu", "qemu");
        sys = virt.open("qemu:///system");
        server = new Server(virt, Limits.defaults());
        Listener sock = Listener.unix(jq.root.resolve("sock"), false, "rwx------");
        server.listen(sock);
        jvirt = "qemu+unix:///system?socket=" + sock.address();
        libvirtd = Libvirtd.start();
        reference = libvirtd.uri("qemu", "system");
        // tap names differ (both live in this network namespace); they are values, never keys
        String suffix = Long.toString(ProcessHandle.current().pid() % 100000);
        tap = "jqj" + suffix;
        define(jvirt, jq.root, tap);
        define(reference, libvirtd.dir, "jql" + suffix);
    }

    private static void define(String uri, Path dir, String tapName) throws Exception {
        Path qcow2 = dir.resolve("vda.qcow2");
        Path raw = dir.resolve("sda.raw");
        run("qemu-img", "create", "-q", "-f", "qcow2", qcow2.toString(), Long.toString(QCOW2_SIZE));
        run("qemu-img", "create", "-q", "-f", "raw", raw.toString(), Long.toString(RAW_SIZE));
        String xml = "<domain type='" + QemuFixture.type() + "'><name>" + NAME + "</name><memory unit='MiB'>128</memory>"
                + "<vcpu current='1'>2</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>"
                + "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + qcow2
                + "'/><target dev='vda' bus='virtio'/></disk>"
                + "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + raw
                + "'/><target dev='sda' bus='sata'/></disk>"
                + "<interface type='user'><mac address='52:54:00:5a:00:01'/><model type='virtio'/></interface>"
                + "<interface type='ethernet'><mac address='52:54:00:5a:00:02'/><target dev='" + tapName
                + "'/><model type='virtio'/></interface>"
                + "<memballoon model='virtio'/></devices></domain>";
        Path file = dir.resolve("stats-domain.xml");
        Files.writeString(file, xml);
        expectOk(Virsh.run(uri, "define", file.toString()), uri);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (sys != null) {
            for (Domain d : sys.listAllDomains()) {
                if (d.isActive()) {
                    d.destroy();
                }
            }
            sys.close();
        }
        if (jq != null) {
            jq.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
    }

    @Test
    void statisticsHaveLibvirtsShapeShutOffRunningAndPaused() throws Exception {
        List<String> diffs = new ArrayList<>();
        // shut off: libvirt reads the images; the domain-only calls fail the same way
        compareKeys(diffs, "domstats", NAME);
        compare(diffs, "domblkinfo", NAME, "vda");
        compare(diffs, "domblkinfo", NAME, "--all");
        compare(diffs, "vcpuinfo", NAME);
        // the host is the same one: nodeinfo (virt-top's first call) matches exactly, but for a clock that may scale
        String mine = Virsh.run(jvirt, "nodeinfo").out().replaceAll("(CPU frequency: +)\\d+", "$1N");
        String theirs = Virsh.run(reference, "nodeinfo").out().replaceAll("(CPU frequency: +)\\d+", "$1N");
        if (!mine.equals(theirs)) {
            diffs.add("virsh nodeinfo:\n--- jvirt\n" + mine + "--- libvirtd\n" + theirs);
        }
        for (String[] cmd : List.of(new String[] {"dommemstat", NAME}, new String[] {"domblkstat", NAME, "vda"},
                new String[] {"domifstat", NAME, "52:54:00:5a:00:01"}, new String[] {"cpu-stats", NAME, "--total"})) {
            compare(diffs, cmd);
        }
        compare(diffs, "dommemstat", NAME, "--period", "3", "--config");
        compare(diffs, "dommemstat", NAME, "--period", "3", "--live");
        assertEquals("<stats period='3'/>", memballoonStats(jvirt, "--inactive"));
        assertEquals("Capacity:       " + QCOW2_SIZE, line(Virsh.run(jvirt, "domblkinfo", NAME, "vda").out(), "Capacity:"));

        expectOk(Virsh.run(jvirt, "start", NAME), jvirt);
        expectOk(Virsh.run(reference, "start", NAME), reference);
        Domain dom = sys.domainLookupByName(NAME);
        // SeaBIOS reads a boot sector: wait for that, so both guests are past the firmware's start
        Map<String, Object> first = awaitStats(dom, s -> read(s) > 0);
        awaitReference();
        compareKeys(diffs, "domstats", NAME);
        compareKeys(diffs, "domstats", NAME, "--state", "--cpu-total", "--balloon", "--vcpu", "--interface", "--block");
        compare(diffs, "dommemstat", NAME);
        compare(diffs, "domblkstat", NAME, "vda");
        compare(diffs, "domblkstat", NAME);
        compare(diffs, "domifstat", NAME, "52:54:00:5a:00:01"); // user-mode: no host interface to read
        compare(diffs, "domifstat", NAME, "52:54:00:5a:00:02");
        compare(diffs, "domblkinfo", NAME, "vda");
        compare(diffs, "domblkinfo", NAME, "sda");
        compare(diffs, "domblkinfo", NAME, "--all");
        compare(diffs, "cpu-stats", NAME, "--total");
        compare(diffs, "vcpuinfo", NAME);
        compareKeys(diffs, "domstats", "--backing", "--list-running", NAME);
        compareKeys(diffs, "domstats", "--list-shutoff");
        compare(diffs, "domblkstat", NAME, "vdz");
        compare(diffs, "domblkinfo", NAME, "vdz");
        compare(diffs, "domifstat", NAME, "52:54:00:5a:00:09");
        compare(diffs, "dommemstat", NAME, "--period", "0", "--live");
        compare(diffs, "dommemstat", NAME, "--period", "2", "--live", "--config");
        if (!memballoonStats(jvirt, "").equals(memballoonStats(reference, ""))) {
            diffs.add("live <memballoon><stats>: jvirt " + memballoonStats(jvirt, "") + ", libvirtd "
                    + memballoonStats(reference, ""));
        }

        expectOk(Virsh.run(jvirt, "suspend", NAME), jvirt);
        expectOk(Virsh.run(reference, "suspend", NAME), reference);
        compareKeys(diffs, "domstats", NAME);
        compare(diffs, "vcpuinfo", NAME);
        expectOk(Virsh.run(jvirt, "resume", NAME), jvirt);

        if (!diffs.isEmpty()) {
            fail("jvirt's statistics differ from libvirtd's:\n" + String.join("\n", diffs));
        }
        saneValues(dom, first);
    }

    /** What jvirt reports is about this guest: its images, its process, its tap. */
    private static void saneValues(Domain dom, Map<String, Object> first) throws Exception {
        assertEquals(QCOW2_SIZE, asLong(first.get("block.0.capacity")), "vda capacity");
        assertEquals(RAW_SIZE, asLong(first.get("block.1.capacity")), "sda capacity");
        assertEquals(tap, first.get("net.1.name"));
        assertTrue(asLong(first.get("balloon.rss")) > 0, "QEMU's RSS: " + first);
        assertEquals(131072L, asLong(first.get("balloon.maximum")));
        long cpu = asLong(first.get("cpu.time"));
        assertTrue(asLong(first.get("vcpu.0.time")) <= cpu, "a vCPU thread's time is part of the process's");
        awaitStats(dom, s -> asLong(s.get("cpu.time")) > cpu); // the guest runs: its CPU time grows
        // the tap's counters seen from the guest: what the host's tap sent, the guest received
        Map<String, Object> s = stats(dom);
        Path sys = Path.of("/sys/class/net", tap, "statistics");
        assertTrue(asLong(s.get("net.1.rx.bytes")) <= Long.parseLong(Files.readString(sys.resolve("tx_bytes")).trim()));
        assertTrue(asLong(s.get("net.1.tx.bytes")) <= Long.parseLong(Files.readString(sys.resolve("rx_bytes")).trim()));
        assertEquals(asLong(s.get("block.1.rd.bytes")), dom.blockStats("sda").rdBytes());
        assertEquals(read(s), dom.blockStats("").rdBytes(), "all disks summed");
        assertEquals(QCOW2_SIZE, dom.getBlockInfo("vda").capacity());
    }

    // ------------------------------------------------------------ comparing

    private static void compareKeys(List<String> diffs, String... cmd) throws Exception {
        List<String> mine = keys(Virsh.run(jvirt, cmd));
        List<String> theirs = keys(Virsh.run(reference, cmd));
        if (!mine.equals(theirs)) {
            diffs.add("virsh " + String.join(" ", cmd) + ": jvirt " + mine + "\n   libvirtd " + theirs);
        }
    }

    /**
     * The keys of {@code virsh domstats}, in order (or the error it printed). KVM's own figures
     * ({@code vcpu.N.NAME.sum}, {@code vm.NAME.cur}, ...) come in the order of libvirt's hash table,
     * which nothing can reproduce: each run of them is compared as a sorted set.
     */
    private static List<String> keys(Virsh.Result r) {
        if (r.exit() != 0) {
            return List.of("exit " + r.exit() + ": " + r.err().trim());
        }
        List<String> keys = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            int eq = l.indexOf('=');
            String key = eq < 0 ? l.trim() : l.substring(0, eq).trim();
            if (key.matches("(vcpu\\.\\d+|vm)\\.\\w+\\.(sum|cur|max)")) {
                run.add(key);
                continue;
            }
            run.sort(null);
            keys.addAll(run);
            run.clear();
            keys.add(key);
        }
        run.sort(null);
        keys.addAll(run);
        return keys;
    }

    /** Output and errors equal once numbers and the padding that follows their widths are masked. */
    private static void compare(List<String> diffs, String... cmd) throws Exception {
        String mine = masked(Virsh.run(jvirt, cmd));
        String theirs = masked(Virsh.run(reference, cmd));
        if (!mine.equals(theirs)) {
            diffs.add("virsh " + String.join(" ", cmd) + ":\n--- jvirt\n" + mine + "\n--- libvirtd\n" + theirs);
        }
    }

    private static String masked(Virsh.Result r) {
        String s = "exit " + r.exit() + "\n" + r.out() + r.err();
        return s.replaceAll("\\d+(\\.\\d+)?", "N").replaceAll("-{2,}", "--").replaceAll("[ \\t]+", " ").trim();
    }

    /** The {@code <stats>} line of the domain's memballoon (its collection period), or "none". */
    private static String memballoonStats(String uri, String flag) throws Exception {
        String xml = (flag.isEmpty() ? Virsh.run(uri, "dumpxml", NAME) : Virsh.run(uri, "dumpxml", NAME, flag)).out();
        int b = xml.indexOf("<memballoon");
        int e = xml.indexOf("</memballoon>", b);
        return b < 0 || e < 0 ? "none" : xml.substring(b, e).lines().map(String::trim)
                .filter(l -> l.startsWith("<stats")).findFirst().orElse("none");
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no " + prefix + " in " + out + ")");
    }

    // ------------------------------------------------------------ helpers

    private static Map<String, Object> stats(Domain dom) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (TypedParameter p : sys.getAllDomainStats(List.of(dom), 0, 0).get(0).params()) {
            m.put(p.field(), p.value());
        }
        return m;
    }

    /** Polls jvirt's statistics until {@code done} holds (bounded: a stuck guest fails with the last figures). */
    private static Map<String, Object> awaitStats(Domain dom, Predicate<Map<String, Object>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Object> s = stats(dom);
        while (!done.test(s)) {
            if (System.nanoTime() > deadline) {
                fail("the statistics never got there: " + s);
            }
            Thread.sleep(200);
            s = stats(dom);
        }
        return s;
    }

    private static void awaitReference() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Virsh.run(reference, "domstats", "--block", NAME).out().matches("(?s).*block\\.\\d\\.rd\\.bytes=[1-9].*")) {
            if (System.nanoTime() > deadline) {
                fail("libvirtd's guest never read its disk");
            }
            Thread.sleep(200);
        }
    }

    private static long read(Map<String, Object> s) {
        return asLong(s.get("block.0.rd.bytes")) + asLong(s.get("block.1.rd.bytes"));
    }

    private static long asLong(Object o) {
        return o == null ? -1 : ((Number) o).longValue();
    }

    private static void expectOk(Virsh.Result r, String uri) {
        assertEquals(0, r.exit(), uri + ": " + r.err());
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", argv) + " failed (qemu-img is in Debian's qemu-utils): " + out);
        }
    }
}
