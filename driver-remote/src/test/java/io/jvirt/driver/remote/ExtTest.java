package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.VirtException;

/** The ext transport: a command whose stdin/stdout carry the protocol (here netcat into jvirtd's socket). */
class ExtTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));

    @Test
    void anExternalCommandCarriesTheProtocol() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/nc"))) {
            throw new IllegalStateException("nc is missing: apt-get install netcat-openbsd");
        }
        try (Jvirtd jvirtd = new Jvirtd()) {
            Path script = jvirtd.dir.resolve("tunnel.sh");
            Files.writeString(script, "#!/bin/sh\nexec /usr/bin/nc -U " + jvirtd.unix.address() + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            try (Connect c = CLIENT.open("vendor+ext:///default?command=" + script)) {
                assertEquals("vendor-1", c.domainLookupByName("vendor-1").getName());
                assertFalse(c.isSecure(), "libvirt never counts ext as secure");
            }
            Path failing = jvirtd.dir.resolve("fail.sh");
            Files.writeString(failing, "#!/bin/sh\necho 'tunnel refused by policy' >&2\nexit 1\n");
            Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));
            VirtException e = assertThrows(VirtException.class,
                    () -> CLIENT.open("vendor+ext:///default?command=" + failing).close());
            assertTrue(e.getMessage().contains("tunnel refused by policy"), e.getMessage());
        }
    }
}
