package io.jvirt.network.dnsmasq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.VirtException;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.testsupport.NetNs;

/**
 * Debian's dnsmasq started by the supervisor inside a network namespace this test creates (a bridge
 * with a veth into a second namespace, the "guest", where {@code busybox udhcpc} asks for leases):
 * the static host gets its address, the lease helper records the lease, a successor finds the same
 * process again by pid and start time, SIGHUP makes a new static host take effect without a restart,
 * stop ends it, and a restart gets the recorded leases back from the helper.
 */
class SupervisorNamespaceTest {
    private static final String GUEST_MAC = "52:54:00:12:34:56";
    private static final String SECOND_MAC = "52:54:00:12:34:57";

    private NetNs host;
    private NetNs guest;
    private Path root;
    private Dnsmasq.Options options;

    @BeforeEach
    void namespaces() throws Exception {
        NetNs.requireRoot("dnsmasq on a bridge in a network namespace");
        NetNs.requireTools("ip", "dnsmasq", "busybox");
        host = NetNs.create("dnsm");
        guest = NetNs.create("dnsg");
        host.exec("ip", "link", "add", "jvbr0", "type", "bridge");
        host.exec("ip", "addr", "add", "192.168.150.1/24", "dev", "jvbr0");
        host.exec("ip", "link", "set", "jvbr0", "up");
        host.exec("ip", "link", "add", "jvh0", "type", "veth", "peer", "name", "jvg0");
        host.exec("ip", "link", "set", "jvh0", "master", "jvbr0", "up");
        host.exec("ip", "link", "set", "jvg0", "netns", guest.name);
        guest.exec("ip", "link", "set", "jvg0", "address", GUEST_MAC, "up");
        // dnsmasq re-reads its hosts files as user nobody: the directories must be searchable
        root = Files.createTempDirectory(Path.of("/tmp"), "jvd");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        options = Dnsmasq.Options.defaults().withLauncher(host.launcher());
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (guest != null) {
            guest.close();
        }
        if (host != null) {
            host.close(); // ends the dnsmasq a failed test left
        }
        if (root != null) {
            NetNs.run(List.of("rm", "-rf", root.toString()));
        }
    }

    private static NetworkDef network(String extraHost) {
        return NetworkDef.parse("<network><name>jvtest</name><bridge name='jvbr0'/>"
                + "<ip address='192.168.150.1' netmask='255.255.255.0'><dhcp>"
                + "<range start='192.168.150.100' end='192.168.150.120'/>"
                + "<host mac='" + GUEST_MAC + "' name='guest1' ip='192.168.150.50'/>" + extraHost
                + "</dhcp></ip></network>", true);
    }

    /** One DHCP exchange of busybox's client in the guest namespace; returns the address it got. */
    private String udhcpc() throws Exception {
        String out = guest.exec("busybox", "udhcpc", "-i", "jvg0", "-n", "-q", "-f", "-t", "10", "-T", "1",
                "-s", "/bin/true", "-x", "hostname:guest1");
        int at = out.indexOf("lease of ");
        assertTrue(at >= 0, "udhcpc got no lease:\n" + out);
        return out.substring(at + 9, out.indexOf(' ', at + 9));
    }

    private static Lease leaseOf(Dnsmasq d, String mac) throws InterruptedException {
        // the helper runs after dnsmasq has answered: wait for the record, never for a time
        for (int i = 0; i < 1000; i++) {
            Optional<Lease> l = d.leases("jvbr0").stream().filter(x -> x.mac().equals(mac)).findFirst();
            if (l.isPresent()) {
                return l.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no lease of " + mac + " in " + d.layout().status("jvbr0"));
    }

    @Test
    void servesLeasesIsFoundAgainRefreshedAndStopped() throws Exception {
        DnsmasqLayout layout = new DnsmasqLayout(root.resolve("dnsmasq"), root.resolve("run"));
        Dnsmasq d = Dnsmasq.open(layout, options);
        NetworkDef def = network("");
        DnsmasqProcess p = d.start(def).orElseThrow();
        assertTrue(runs(p), "dnsmasq " + p.pid() + " runs");

        assertEquals(DnsmasqConfig.of(def, layout.stateDir(), layout.pidFile("jvtest")).conf(),
                Files.readString(layout.conf("jvtest")));
        assertTrue(Files.readString(layout.conf("jvtest")).contains("pid-file=" + layout.pidFile("jvtest") + "\n"));
        assertEquals(Long.toString(p.pid()), Files.readString(layout.pidFile("jvtest")).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.conf("jvtest"))));
        assertEquals(GUEST_MAC + ",192.168.150.50,guest1\n", Files.readString(layout.hostsFile("jvtest")));

        assertEquals("192.168.150.50", udhcpc(), "the static host's address");
        Lease lease = leaseOf(d, GUEST_MAC);
        assertEquals("192.168.150.50", lease.ip());
        assertEquals("guest1", lease.hostname());
        assertTrue(lease.expiryTime() > System.currentTimeMillis() / 1000, "expires in the future: " + lease);

        // a successor driver instance (same layout) finds the same process
        Dnsmasq successor = Dnsmasq.open(layout, options);
        assertEquals(Optional.of(p), successor.find("jvtest"));

        // a new static host takes effect with SIGHUP: same process, new answer
        DnsmasqProcess same = successor.refresh(network("<host mac='" + SECOND_MAC + "' ip='192.168.150.51'/>"))
                .orElseThrow();
        assertEquals(p, same);
        assertTrue(Files.readString(layout.hostsFile("jvtest")).contains(SECOND_MAC + ",192.168.150.51\n"));
        guest.exec("ip", "link", "set", "jvg0", "down");
        guest.exec("ip", "link", "set", "jvg0", "address", SECOND_MAC, "up");
        assertEquals("192.168.150.51", udhcpc(), "the host added at run time");
        leaseOf(successor, SECOND_MAC);

        successor.stop("jvtest");
        assertEquals(Optional.empty(), successor.find("jvtest"));
        assertFalse(Files.exists(layout.pidFile("jvtest")));
        assertFalse(runs(p), "dnsmasq " + p.pid() + " is gone");

        // a new dnsmasq gets the recorded leases from the helper (init) and keeps them
        DnsmasqProcess again = successor.start(network("<host mac='" + SECOND_MAC + "' ip='192.168.150.51'/>"))
                .orElseThrow();
        assertTrue(again.pid() != p.pid() || again.startTicks() != p.startTicks());
        assertEquals(List.of("192.168.150.50", "192.168.150.51"),
                successor.leases("jvbr0").stream().map(Lease::ip).sorted().toList());
        successor.removeFiles(network(""));
        assertEquals(Optional.empty(), successor.find("jvtest"));
        assertFalse(Files.exists(layout.conf("jvtest")));
        assertFalse(Files.exists(layout.status("jvbr0")));
    }

    /** Whether the process still runs: same start time in /proc, and no zombie. */
    private static boolean runs(DnsmasqProcess p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return !f[0].equals("Z") && Long.parseLong(f[19]) == p.startTicks();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aProcessThatIsNotTheRecordedOneIsNotFound() throws Exception {
        DnsmasqLayout layout = new DnsmasqLayout(root.resolve("dnsmasq"), root.resolve("run"));
        Files.createDirectories(layout.pidDir());
        long self = ProcessHandle.current().pid();
        // this JVM's pid with another start time: the pid was reused
        Files.writeString(layout.record("jvtest"), "pid=" + self + "\nstart=1\nconf=" + layout.conf("jvtest") + "\n");
        assertEquals(Optional.empty(), Dnsmasq.open(layout, options).find("jvtest"));
        // the right start time, but no dnsmasq of this configuration
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String start = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
        Files.writeString(layout.record("jvtest"), "pid=" + self + "\nstart=" + start + "\nconf="
                + layout.conf("jvtest") + "\n");
        assertEquals(Optional.empty(), Dnsmasq.open(layout, options).find("jvtest"));
    }

    @Test
    void dnsmasqsRefusalIsReportedAsLibvirtReportsIt() throws Exception {
        DnsmasqLayout layout = new DnsmasqLayout(root.resolve("dnsmasq"), root.resolve("run"));
        NetworkDef def = NetworkDef.parse("<network><name>jvtftp</name><bridge name='jvbr0'/>"
                + "<ip address='192.168.150.1' netmask='255.255.255.0'><tftp root='" + root.resolve("none")
                + "'/><dhcp><range start='192.168.150.100' end='192.168.150.120'/></dhcp></ip></network>", true);
        VirtException e = assertThrows(VirtException.class, () -> Dnsmasq.open(layout, options).start(def));
        assertEquals("Child process (VIR_BRIDGE_NAME=jvbr0 /usr/sbin/dnsmasq --conf-file=" + layout.conf("jvtftp")
                + " --leasefile-ro --dhcp-script=" + layout.leaseHelper() + ") unexpected exit status 3: \n"
                + "dnsmasq: TFTP directory " + root.resolve("none") + " inaccessible: No such file or directory\n",
                e.getMessage());
        assertEquals(io.jvirt.api.ErrorCode.INTERNAL_ERROR, e.code());
    }

    @Test
    void aNetworkWithoutDhcpOrDnsRunsNoDnsmasq() {
        DnsmasqLayout layout = new DnsmasqLayout(root.resolve("dnsmasq"), root.resolve("run"));
        NetworkDef def = NetworkDef.parse("<network><name>quiet</name><bridge name='jvbr0'/><dns enable='no'/>"
                + "<ip address='192.168.150.1' netmask='255.255.255.0'/></network>", true);
        assertEquals(Optional.empty(), Dnsmasq.open(layout, options).start(def));
    }
}
