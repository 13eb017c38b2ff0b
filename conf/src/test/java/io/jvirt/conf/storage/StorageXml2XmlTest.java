package io.jvirt.conf.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.conf.oracle.Oracle;
import io.jvirt.testsupport.Shared;

/**
 * The model alone against libvirt's own unit-test references: parsing
 * {@code storagepoolxml2xmlin/NAME.xml} and formatting it must give {@code storagepoolxml2xmlout/NAME.xml}
 * (no driver state: sizes stay 0, key and path stay as written); likewise for volumes. libvirt's
 * unit tests load every backend, so both pool namespaces are read here.
 */
class StorageXml2XmlTest {
    private static final AtomicInteger[] POOLS = {new AtomicInteger(), new AtomicInteger()};
    private static final AtomicInteger[] VOLS = {new AtomicInteger(), new AtomicInteger()};

    @AfterAll
    static void summary() {
        System.out.println("model storagepoolxml2xmlout: " + POOLS[0] + "/" + POOLS[1]);
        System.out.println("model storagevolxml2xmlout: " + VOLS[0] + "/" + VOLS[1]);
    }

    private static Path tests() {
        return Shared.conformance().resolve("libvirt-10.7.0/tests");
    }

    static Stream<Arguments> pools() throws IOException {
        return pairs("storagepoolxml2xmlin", "storagepoolxml2xmlout");
    }

    static Stream<Arguments> vols() throws IOException {
        return pairs("storagevolxml2xmlin", "storagevolxml2xmlout");
    }

    private static Stream<Arguments> pairs(String in, String out) throws IOException {
        Path outDir = tests().resolve(out);
        try (Stream<Path> files = Files.list(outDir)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted()
                    .map(p -> Arguments.of(p.getFileName().toString(), tests().resolve(in).resolve(p.getFileName()), p))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void pool(String name, Path in, Path out) {
        POOLS[1].incrementAndGet();
        StoragePoolDef def = StoragePoolDef.parse(Oracle.read(in), EnumSet.allOf(StoragePoolDef.PoolNamespace.class));
        assertEquals(Oracle.read(out), def.format());
        POOLS[0].incrementAndGet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vols")
    void vol(String name, Path in, Path out) {
        // libvirt's test parses each volume with a pool of the matching kind
        StoragePoolType pool = name.startsWith("vol-gluster") ? StoragePoolType.GLUSTER
                : name.startsWith("vol-logical") ? StoragePoolType.LOGICAL
                : name.startsWith("vol-partition") ? StoragePoolType.DISK
                : name.startsWith("vol-sheepdog") ? StoragePoolType.SHEEPDOG : StoragePoolType.DIR;
        VOLS[1].incrementAndGet();
        StorageVolDef def = StorageVolDef.parse(Oracle.read(in), pool, Set.of());
        assertEquals(Oracle.read(out), def.format());
        VOLS[0].incrementAndGet();
    }
}
