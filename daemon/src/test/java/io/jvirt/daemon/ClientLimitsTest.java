package io.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.examples.vendor.VendorDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.testsupport.Virsh;

/**
 * libvirtd.conf's max_clients and max_anonymous_clients with real virsh clients. What libvirtd does
 * (observed on the anchor with virt-admin srv-clients-set, and in virNetServerCheckLimits): when
 * either limit is reached it stops accepting, so a new client waits in the socket backlog until a
 * client leaves or authenticates; clients of a listener with auth none are authenticated on arrival
 * and never count as anonymous (srv-clients-info shows nclients_unauth 0 with any number of them).
 */
class ClientLimitsTest {
    private final List<Process> processes = new ArrayList<>();
    private Server server;

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    private String start(int maxClients, int maxAnonymousClients) throws Exception {
        Path dir = Files.createTempDirectory("jvirtd-limits");
        Limits d = Limits.defaults();
        server = new Server(new InProcessVirt("vendor:///default").add(new VendorDriver(), "vendor", "vendor"),
                new Limits(maxClients, maxAnonymousClients, d.maxWorkers(), d.prioWorkers(), d.maxClientRequests(),
                        d.keepaliveInterval(), d.keepaliveCount()));
        Listener sock = Listener.unix(dir.resolve("libvirt-sock"), false, "rwx------");
        server.listen(sock);
        return "vendor+unix:///default?socket=" + sock.address();
    }

    /** A client that stays connected: virsh waiting for events. */
    private Process holder(String uri) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/virsh", "-c", uri, "event", "--all", "--loop")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private void awaitClients(int n) throws InterruptedException {
        for (int i = 0; i < 300 && server.clientCount() != n; i++) {
            Thread.sleep(50);
        }
        assertEquals(n, server.clientCount(), "connected clients");
    }

    @Test
    void clientsOfAuthNoneNeverCountAsAnonymous() throws Exception {
        String uri = start(10, 1);
        holder(uri);
        holder(uri);
        holder(uri);
        awaitClients(3);
        assertEquals(0, server.unauthenticatedCount());
        Virsh.Result r = Virsh.run(uri, "list", "--all");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("vendor-1"), r.out());
    }

    @Test
    void aClientBeyondMaxClientsWaitsUntilOneLeaves() throws Exception {
        String uri = start(2, 20);
        Process first = holder(uri);
        holder(uri);
        awaitClients(2);
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/virsh", "-q", "-c", uri, "list", "--all");
        pb.environment().put("LC_ALL", "C");
        Process third = pb.redirectErrorStream(true).start();
        processes.add(third);
        // not accepted while two are connected (it would answer within milliseconds otherwise)
        assertTrue(!third.waitFor(2, TimeUnit.SECONDS), "a third client was served beyond max_clients = 2");
        assertEquals(2, server.clientCount());
        first.destroy();
        assertTrue(third.waitFor(30, TimeUnit.SECONDS), "the waiting client was not accepted after one left");
        String out = new String(third.getInputStream().readAllBytes());
        assertEquals(0, third.exitValue(), out);
        assertTrue(out.contains("vendor-1"), out);
    }
}
