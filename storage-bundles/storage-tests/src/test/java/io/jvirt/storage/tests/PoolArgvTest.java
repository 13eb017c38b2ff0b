package io.jvirt.storage.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.storage.local.Command;
import io.jvirt.storage.local.Mounts;
import io.jvirt.testsupport.Shared;

/**
 * Conformance with libvirt's {@code storagepoolxml2argvtest} over the dev half: the {@code mount}
 * command lines of fs and netfs pools ({@code .argv} without default options, {@code -linux.argv} with
 * Linux's {@code nodev,nosuid,noexec}, {@code -freebsd.argv} with FreeBSD's {@code nosuid,noexec}) and
 * the {@code vgchange} command of logical pools; every other pool type of the corpus has no command
 * line there, as libvirt's table says.
 */
class PoolArgvTest {
    private static final List<String> NO_COMMAND = List.of("pool-dir", "pool-dir-naming", "pool-iscsi-auth",
            "pool-scsi", "pool-scsi-type-scsi-host", "pool-scsi-type-fc-host", "pool-mpath", "pool-gluster",
            "pool-gluster-sub", "pool-scsi-type-scsi-host-stable", "pool-zfs-sourcedev", "pool-rbd-ipv6");

    static Path tests() {
        return Shared.conformance().resolve("libvirt-10.7.0/tests");
    }

    static Stream<Arguments> fixtures() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (var files = Files.list(tests().resolve("storagepoolxml2argvdata"))) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString().replace(".argv", "");
                String suffix = n.endsWith("-linux") ? "-linux" : n.endsWith("-freebsd") ? "-freebsd" : "";
                out.add(Arguments.of(n, n.substring(0, n.length() - suffix.length()), suffix));
            }
        }
        return out.stream();
    }

    static Command command(StoragePoolDef def, String defaults) {
        return switch (def.type()) {
            case FS, NETFS -> Mounts.mountCommand("mount", def, Mounts.source(def), defaults);
            case LOGICAL -> io.jvirt.storage.logical.LogicalBackend.changeCommand("vgchange", def, true);
            default -> null;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void commandLine(String fixture, String pool, String platform) throws IOException {
        StoragePoolDef def = StoragePoolDef.parse(Files.readString(tests().resolve("storagepoolxml2xmlin/" + pool + ".xml")));
        String defaults = switch (platform) {
            case "-linux" -> Mounts.DEFAULT_OPTIONS;
            case "-freebsd" -> "nosuid,noexec";
            default -> "";
        };
        String expected = Files.readString(tests().resolve("storagepoolxml2argvdata/" + fixture + ".argv"));
        assertEquals(expected.stripTrailing(), command(def, defaults).toString(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noCommand")
    void noCommandLine(String pool) throws IOException {
        Path in = tests().resolve("storagepoolxml2xmlin/" + pool + ".xml");
        assertTrue(Files.exists(in), in + " is in the dev half");
        try {
            StoragePoolDef def = StoragePoolDef.parse(Files.readString(in));
            assertEquals(null, command(def, Mounts.DEFAULT_OPTIONS), pool);
        } catch (io.jvirt.api.VirtException e) {
            // libvirt's test fails these too: an input it cannot parse has no command line either
        }
    }

    static Stream<String> noCommand() {
        return NO_COMMAND.stream();
    }
}
