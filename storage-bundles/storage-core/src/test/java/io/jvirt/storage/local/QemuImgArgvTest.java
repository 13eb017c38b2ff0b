package io.jvirt.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.StorageVolCreateFlag;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StoragePoolType;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.conf.storage.StorageVolType;
import io.jvirt.testsupport.Shared;

/**
 * Conformance with libvirt's {@code storagevolxml2argvtest}: every case of the dev half's
 * {@code cases.tsv} (pool, volume, input pool and volume, flags) gives the {@code qemu-img} command
 * lines of its {@code .argv} fixture, built the way the test program builds them (volume types from
 * the pool type, the two steps of an encrypted conversion, secret files {@code /path/to/secretFile}
 * and {@code /path/to/inputSecretFile}). The fixtures are libvirt 10.7's, whose default qcow2 compat
 * level is 1.1; libvirt 9.0's driver asks for 0.10 ({@link QemuImg#LIBVIRT_9_DEFAULT_COMPAT}, measured),
 * which is what jvirt's driver uses, so the cases run with 10.7's default here.
 */
class QemuImgArgvTest {
    private static final String LIBVIRT_10_DEFAULT_COMPAT = "1.1";

    static Path tests() {
        return Shared.conformance().resolve("libvirt-10.7.0/tests");
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(tests().resolve("storagevolxml2argvdata/cases.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t");
            out.add(Arguments.of(c[6], c[0], c[2], c[3], c[4], c[5], c[7]));
        }
        return out.stream();
    }

    private static String read(String dir, String name) throws IOException {
        return Files.readString(tests().resolve(dir).resolve(name + ".xml"));
    }

    /** The test program's {@code testSetVolumeType}: file volumes in file pools, block ones in logical pools. */
    private static StorageVolDef typed(StorageVolDef vol, StoragePoolDef pool) {
        return switch (pool.type()) {
            case DIR, FS, NETFS -> vol.withType(StorageVolType.FILE);
            case LOGICAL -> vol.withType(StorageVolType.BLOCK);
            default -> vol;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void commandLines(String name, String fail, String poolName, String volName, String inputPoolName,
            String inputVolName, String flagsColumn) throws IOException {
        StoragePoolDef pool = StoragePoolDef.parse(read("storagepoolxml2xmlin", poolName));
        boolean hasInput = !inputVolName.equals("NULL");
        StoragePoolDef inputPool = hasInput ? StoragePoolDef.parse(read("storagepoolxml2xmlin", inputPoolName)) : null;
        StorageVolDef vol = typed(StorageVolDef.parse(read("storagevolxml2xmlin", volName), pool.type(),
                hasInput ? EnumSet.of(StorageVolDef.ParseFlag.NO_CAPACITY) : EnumSet.noneOf(StorageVolDef.ParseFlag.class)),
                pool);
        StorageVolDef input = hasInput ? typed(StorageVolDef.parse(read("storagevolxml2xmlin", inputVolName),
                inputPool.type(), EnumSet.noneOf(StorageVolDef.ParseFlag.class)), inputPool) : null;
        int flags = flagsColumn.equals("flags") ? StorageVolCreateFlag.PREALLOC_METADATA.bit() : 0;

        QemuImg.Step step = input != null && (vol.target().encryption() != null || input.target().encryption() != null)
                ? QemuImg.Step.CREATE : QemuImg.Step.NONE;
        StringBuilder actual = new StringBuilder();
        do {
            Command cmd = QemuImg.command(pool, vol, input, flags, "qemu-img", "/path/to/secretFile",
                    "/path/to/inputSecretFile", step, LIBVIRT_10_DEFAULT_COMPAT);
            if (actual.length() > 0) {
                actual.append('\n');
            }
            actual.append(cmd.toString(true));
            step = step == QemuImg.Step.CREATE ? QemuImg.Step.CONVERT : null;
        } while (step != null);

        String expected = Files.readString(tests().resolve("storagevolxml2argvdata").resolve(name + ".argv"));
        assertEquals(expected.stripTrailing(), actual.toString().stripTrailing(), name);
        assertEquals("false", fail, "the dev half has no failing case");
        assertEquals(StoragePoolType.class, pool.type().getClass());
    }
}
