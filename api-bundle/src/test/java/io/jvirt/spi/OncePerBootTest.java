package io.jvirt.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/** The once-per-boot marker with a boot id the test controls. */
class OncePerBootTest {
    @TempDir
    Path run;

    @Test
    void claimsOncePerBootAndAgainAfterABoot() throws Exception {
        AtomicReference<String> boot = new AtomicReference<>("boot-1");
        assertTrue(OncePerBoot.in(run, boot::get).claim(), "first start of this boot");
        assertFalse(OncePerBoot.in(run, boot::get).claim(), "a restart in the same boot");
        assertFalse(OncePerBoot.in(run, boot::get).claim());
        Path marker = run.resolve("autostarted");
        assertEquals("boot-1\n", Files.readString(marker));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(marker)));
        boot.set("boot-2"); // the host booted
        assertTrue(OncePerBoot.in(run, boot::get).claim());
        assertFalse(OncePerBoot.in(run, boot::get).claim());
        assertEquals("boot-2\n", Files.readString(marker));
        Files.delete(marker); // what the tests' simulated boot does
        assertTrue(OncePerBoot.in(run, boot::get).claim());
        try (var files = Files.list(run)) {
            assertEquals(1, files.count(), "no temporary file left beside the marker");
        }
    }

    @Test
    void withoutABootIdTheMarkersExistenceDecidesAsLibvirts() throws Exception {
        assertTrue(OncePerBoot.in(run, () -> "").claim());
        assertEquals("", Files.readString(run.resolve("autostarted")));
        assertFalse(OncePerBoot.in(run, () -> "").claim());
        assertTrue(OncePerBoot.in(run, () -> "b").claim(), "an empty marker records no boot");
    }

    @Test
    void theHostsBootIdIsRead() {
        String id = OncePerBoot.hostBootId();
        assertTrue(id.matches("[0-9a-f-]{36}"), "boot id from /proc/sys/kernel/random/boot_id: " + id);
    }

    @Test
    void anUnwritableRunDirectoryIsASystemError() throws Exception {
        Path file = Files.writeString(run.resolve("not-a-dir"), "x");
        VirtException e = assertThrows(VirtException.class, () -> OncePerBoot.in(file, () -> "b").claim());
        assertEquals(ErrorCode.SYSTEM_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("cannot create file '" + file.resolve("autostarted") + "': "), e.getMessage());
    }
}
