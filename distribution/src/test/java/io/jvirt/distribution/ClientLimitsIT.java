package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference for jvirtd's max_clients and max_anonymous_clients (daemon's ClientLimitsTest
 * asserts the same of jvirtd): the anchor libvirtd's limits, changed at run time through its admin
 * socket with virt-admin srv-clients-set, then restored.
 */
class ClientLimitsIT {
    private static InteropServers servers;
    private final List<Process> holders = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        servers = InteropServers.get();
    }

    @AfterEach
    void restore() throws Exception {
        for (Process p : holders) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        // the anchor's configured values (libvirtd-up writes max_clients 5000, max_anonymous_clients 200)
        admin("srv-clients-set", "libvirtd", "--max-clients", "5000");
        admin("srv-clients-set", "libvirtd", "--max-unauth-clients", "200");
    }

    private static String admin(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virt-admin", "-c",
                "libvirtd:///system?socket=" + servers.libvirtd.runDir().resolve("libvirt-admin-sock")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "virt-admin " + List.of(args) + ":\n" + out);
        return out;
    }

    private int clients(String field) throws Exception {
        for (String l : admin("srv-clients-info", "libvirtd").split("\n")) {
            String[] kv = l.split(":");
            if (kv.length == 2 && kv[0].trim().equals(field)) {
                return Integer.parseInt(kv[1].trim());
            }
        }
        throw new AssertionError("srv-clients-info has no " + field);
    }

    private Process holder() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/virsh", "-c", servers.libvirtd.unixUri(), "event", "--all",
                "--loop").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        holders.add(p);
        return p;
    }

    private void awaitClients(int n) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (clients("nclients") != n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(n, clients("nclients"));
    }

    private Process list() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/virsh", "-q", "-c", servers.libvirtd.unixUri(), "list", "--all")
                .redirectErrorStream(true).start();
        holders.add(p);
        return p;
    }

    @Test
    void clientsOfAuthNoneNeverCountAsAnonymous() throws Exception {
        admin("srv-clients-set", "libvirtd", "--max-unauth-clients", "1");
        holder();
        holder();
        holder();
        awaitClients(3);
        assertEquals(0, clients("nclients_unauth"));
        Process p = list();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    @Test
    void aClientBeyondMaxClientsWaitsUntilOneLeaves() throws Exception {
        admin("srv-clients-set", "libvirtd", "--max-unauth-clients", "1");
        admin("srv-clients-set", "libvirtd", "--max-clients", "2");
        Process first = holder();
        holder();
        awaitClients(2);
        Process third = list();
        assertTrue(!third.waitFor(2, TimeUnit.SECONDS), "libvirtd served a third client beyond max_clients = 2");
        first.destroy();
        assertTrue(third.waitFor(30, TimeUnit.SECONDS), "libvirtd did not accept the waiting client after one left");
        String out = new String(third.getInputStream().readAllBytes());
        assertEquals(0, third.exitValue(), out);
        assertTrue(out.contains("test"), out);
    }
}
