package io.jvirt.network.dnsmasq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.network.dnsmasq.leases.LeaseHelper;
import io.jvirt.network.dnsmasq.leases.StatusFile;

/**
 * The lease helper called as dnsmasq calls it (arguments and DNSMASQ_* environment of
 * {@code --dhcp-script}): the status file it keeps, and what it prints for {@code init}.
 */
class LeaseHelperTest {
    @TempDir
    Path dir;

    private String call(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path script = LeaseHelper.install(dir.resolve("jvirt-leases"));
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("DNSMASQ_") || k.equals("VIR_BRIDGE_NAME"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "status of " + cmd + ": " + out);
        return out;
    }

    private List<Lease> leases() {
        return StatusFile.read(dir.resolve("virbr0.status"));
    }

    @Test
    void keepsTheLeasesDnsmasqReports() throws Exception {
        Map<String, String> v4 = Map.of("DNSMASQ_INTERFACE", "virbr0", "DNSMASQ_LEASE_EXPIRES", "1900000000",
                "DNSMASQ_CLIENT_ID", "01:52:54:00:11:22:33");
        call(v4, "add", "52:54:00:11:22:33", "192.168.122.10", "guest1");
        assertEquals(List.of(new Lease("192.168.122.10", "52:54:00:11:22:33", null, "01:52:54:00:11:22:33", "guest1",
                null, 1900000000L)), leases());

        // renewal: the lease of that address is replaced
        call(Map.of("DNSMASQ_INTERFACE", "virbr0", "DNSMASQ_LEASE_EXPIRES", "1900003600"), "old",
                "52:54:00:11:22:33", "192.168.122.10");
        call(Map.of("DNSMASQ_INTERFACE", "virbr0", "DNSMASQ_LEASE_EXPIRES", "1900000100",
                "DNSMASQ_SUPPLIED_HOSTNAME", "second"), "add", "52:54:00:44:55:66", "192.168.122.11");
        List<Lease> l = leases();
        assertEquals(2, l.size(), l.toString());
        assertEquals(1900003600L, l.get(0).expiryTime());
        assertEquals(null, l.get(0).hostname(), "a renewal without a name keeps none (as libvirt's helper)");
        assertEquals("second", l.get(1).hostname());

        // DHCPv6: the client's DUID is the second argument, the MAC and IAID come from the environment
        call(Map.of("DNSMASQ_INTERFACE", "virbr0", "DNSMASQ_IAID", "1234", "DNSMASQ_MAC", "52:54:00:44:55:66",
                "DNSMASQ_SERVER_DUID", "00:01:00:01:2c:aa:bb:cc", "DNSMASQ_LEASE_EXPIRES", "1900000200"),
                "add", "00:04:7e:7d:f0", "2001:db8::20", "six");
        Lease six = leases().get(2);
        assertEquals(new Lease("2001:db8::20", "52:54:00:44:55:66", "1234", "00:04:7e:7d:f0", "six",
                "00:01:00:01:2c:aa:bb:cc", 1900000200L), six);
        assertTrue(six.ipv6());

        // init: dnsmasq's lease database, IPv4 first, then the server DUID and the IPv6 leases
        assertEquals("1900003600 52:54:00:11:22:33 192.168.122.10 * *\n"
                + "1900000100 52:54:00:44:55:66 192.168.122.11 second *\n"
                + "duid 00:01:00:01:2c:aa:bb:cc\n"
                + "1900000200 1234 2001:db8::20 six 00:04:7e:7d:f0\n",
                call(Map.of("VIR_BRIDGE_NAME", "virbr0"), "init"));

        call(Map.of("DNSMASQ_INTERFACE", "virbr0"), "del", "52:54:00:11:22:33", "192.168.122.10");
        assertEquals(List.of("192.168.122.11", "2001:db8::20"), leases().stream().map(Lease::ip).toList());
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("virbr0.status"))));
    }

    @Test
    void ignoresWhatItDoesNotKeep() throws Exception {
        // other actions (tftp transfers), and a lease whose MAC dnsmasq does not know
        call(Map.of("DNSMASQ_INTERFACE", "virbr0"), "tftp", "1234", "192.168.122.10", "/boot/file");
        call(Map.of("DNSMASQ_INTERFACE", "virbr0", "DNSMASQ_IAID", "1"), "add", "00:01", "2001:db8::1");
        assertEquals(List.of(), leases());
        // characters dnsmasq never writes there cannot reach the JSON
        call(Map.of("DNSMASQ_INTERFACE", "virbr0"), "add", "52:54:00:00:00:01", "10.0.0.2", "evil\",\"x");
        assertEquals("evilx", leases().get(0).hostname());
    }

    @Test
    void needsAnInterface() throws Exception {
        Path script = LeaseHelper.install(dir.resolve("jvirt-leases"));
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "init").redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("DNSMASQ_") || k.equals("VIR_BRIDGE_NAME"));
        Process p = pb.start();
        assertEquals("interface not set\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertNotEquals(0, p.waitFor());
    }

    @Test
    void readsLibvirtsOwnStatusFiles() {
        // the layout libvirt's leaseshelper writes (json-c, pretty)
        String libvirt = "[\n  {\n    \"ip-address\": \"192.168.122.227\",\n    \"mac-address\": \"52:54:00:a3:10:1b\",\n"
                + "    \"hostname\": \"guest\",\n    \"client-id\": \"01:52:54:00:a3:10:1b\",\n"
                + "    \"expiry-time\": 1605000000\n  }\n]\n";
        assertEquals(List.of(new Lease("192.168.122.227", "52:54:00:a3:10:1b", null, "01:52:54:00:a3:10:1b", "guest",
                null, 1605000000L)), StatusFile.parse(libvirt, "x"));
        assertEquals(List.of(), StatusFile.parse("", "x"));
        io.jvirt.api.VirtException e = org.junit.jupiter.api.Assertions.assertThrows(io.jvirt.api.VirtException.class,
                () -> StatusFile.parse("[{\"ip-address\":\"1.2.3.4\",\"expiry-time\":0}]", "x"));
        assertEquals("found lease without mac-address", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(io.jvirt.api.VirtException.class,
                () -> StatusFile.parse("[{", "/var/lib/x.status"));
        assertEquals("invalid json in file: /var/lib/x.status", e.getMessage());
    }
}
