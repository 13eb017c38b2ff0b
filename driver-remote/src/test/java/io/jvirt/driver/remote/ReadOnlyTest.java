package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.Libvirtd;

/**
 * Read-only through the remote driver: a connection to the read-only socket is read-only on the
 * server, whatever the client asked, and the server's refusal crosses the wire with libvirt's
 * number (VIR_ERR_OPERATION_DENIED), from jvirtd as from libvirtd.
 */
class ReadOnlyTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));

    private static void refusedByTheServer(String uri, String domain) {
        try (Connect c = CLIENT.open(uri)) {
            assertTrue(c.domainLookupByName(domain).isActive(), "reads work");
            VirtException e = assertThrows(VirtException.class, () -> c.domainLookupByName(domain).suspend());
            assertEquals(ErrorCode.OPERATION_DENIED, e.code());
            assertTrue(e.getMessage().startsWith("operation forbidden: read only access prevents virDomainSuspend"),
                    e.getMessage());
        }
    }

    @Test
    void jvirtdsReadOnlySocketRefusesChanges() throws Exception {
        try (Jvirtd jvirtd = new Jvirtd()) {
            refusedByTheServer("vendor+unix:///default?socket=" + jvirtd.dir.resolve("libvirt-sock-ro"), "vendor-1");
        }
    }

    @Test
    void libvirtdsReadOnlySocketRefusesChanges() throws Exception {
        Libvirtd l = Libvirtd.shared();
        refusedByTheServer("test+unix:///default?socket=" + l.socket() + "-ro", "test");
    }

    @Test
    void aReadOnlyOpenIsReadOnlyOnTheServerToo() throws Exception {
        Libvirtd l = Libvirtd.shared();
        try (Connect c = CLIENT.openReadOnly(l.uri("test", "default"))) {
            assertTrue(c.isReadOnly());
            assertEquals("test", c.domainLookupByName("test").getName());
            VirtException e = assertThrows(VirtException.class, () -> c.domainLookupByName("test").suspend());
            assertEquals(ErrorCode.OPERATION_DENIED, e.code());
        }
    }
}
