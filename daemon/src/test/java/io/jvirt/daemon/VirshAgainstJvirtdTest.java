package io.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.server.Limits;
import io.jvirt.examples.vendor.VendorDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.testsupport.Virsh;

/** Real virsh talks libvirt's protocol to jvirtd serving the vendor driver, over unix and TCP. */
class VirshAgainstJvirtdTest {
    static Path dir;
    static Server server;
    static String rw;
    static String ro;
    static String tcp;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("jvirtd-test");
        server = new Server(new InProcessVirt("vendor:///default").add(new VendorDriver(), "vendor", "vendor"),
                Limits.defaults());
        Listener sock = Listener.unix(dir.resolve("libvirt-sock"), false, "rwx------");
        Listener sockRo = Listener.unix(dir.resolve("libvirt-sock-ro"), true, "rwxrwxrwx");
        Listener tcpListener = Listener.tcp("127.0.0.1", 0);
        server.listen(sock);
        server.listen(sockRo);
        server.listen(tcpListener);
        rw = "vendor+unix:///default?socket=" + sock.address();
        ro = "vendor+unix:///default?socket=" + sockRo.address();
        tcp = "vendor+tcp://" + tcpListener.address() + "/default";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listShowsTheVendorDomain() throws Exception {
        Virsh.Result r = Virsh.run(rw, "list", "--all");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s)\\s*1\\s+vendor-1\\s+running\\s*"), r.out());
    }

    @Test
    void defineStartDominfoDestroyUndefine() throws Exception {
        Path xml = dir.resolve("d.xml");
        Files.writeString(xml, "<domain type='vendor'><name>fromvirsh</name><memory>65536</memory>"
                + "<vcpu>2</vcpu></domain>");
        assertEquals(0, Virsh.run(rw, "define", xml.toString()).exit());
        Virsh.Result start = Virsh.run(rw, "start", "fromvirsh");
        assertEquals(0, start.exit(), start.err());
        Virsh.Result info = Virsh.run(rw, "domstate", "fromvirsh", "--reason");
        assertEquals("running (booted)", info.out().trim(), info.err());
        Virsh.Result dumpxml = Virsh.run(rw, "dumpxml", "fromvirsh");
        assertTrue(dumpxml.out().contains("<name>fromvirsh</name>"), dumpxml.out());
        assertEquals(0, Virsh.run(rw, "destroy", "fromvirsh").exit());
        assertEquals("shut off (destroyed)", Virsh.run(rw, "domstate", "fromvirsh", "--reason").out().trim());
        assertEquals(0, Virsh.run(rw, "undefine", "fromvirsh").exit());
    }

    @Test
    void errorsCarryLibvirtsNumbersSoVirshPrintsLibvirtsText() throws Exception {
        Virsh.Result r = Virsh.run(rw, "dominfo", "nosuch");
        assertEquals(1, r.exit());
        // exactly what virsh prints against libvirtd (shared/protocol/traces/client-output/virsh-error-nosuchdomain.txt)
        assertEquals("error: failed to get domain 'nosuch'", r.err().trim());
    }

    @Test
    void readOnlySocketRefusesChanges() throws Exception {
        assertEquals(0, Virsh.run(ro, "list", "--all").exit());
        Virsh.Result r = Virsh.run(ro, "suspend", "vendor-1");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("operation forbidden: read only access prevents virDomainSuspend"), r.err());
    }

    @Test
    void tcpWorksToo() throws Exception {
        Virsh.Result r = Virsh.run(tcp, "uri");
        assertEquals(0, r.exit(), r.err());
        // virsh prints the URI it connected with, as against libvirtd
        assertEquals(tcp, r.out().trim());
        assertEquals("VENDOR", Virsh.run(tcp, "version").out().lines()
                .filter(l -> l.startsWith("Using API")).findFirst().orElse("").replaceAll("Using API: (\\w+).*", "$1"));
    }

    @Test
    void eventLoopPrintsEventsCausedByAnotherClient() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/virsh", "-c", rw, "event", "--all", "--loop", "--timeout", "6");
        pb.environment().put("LC_ALL", "C");
        pb.redirectErrorStream(true);
        Process loop = pb.start();
        Thread.sleep(1500); // let it register its 27 callbacks
        assertEquals(0, Virsh.run(rw, "suspend", "vendor-1").exit());
        assertEquals(0, Virsh.run(rw, "resume", "vendor-1").exit());
        assertTrue(loop.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        String out = new String(loop.getInputStream().readAllBytes());
        // what virsh prints for the same two events against libvirtd (shared/protocol/traces/client-output)
        assertTrue(out.contains("event 'lifecycle' for domain 'vendor-1': Suspended Paused\n"
                + "event 'lifecycle' for domain 'vendor-1': Resumed Unpaused\n"), out);
        assertTrue(out.contains("events received: 2"), out);
    }
}
