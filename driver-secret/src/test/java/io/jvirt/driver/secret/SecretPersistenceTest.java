package io.jvirt.driver.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.spi.SecretRef;

/**
 * Definitions and values on disk as libvirtd 9.0 keeps them (measured on the anchor's
 * {@code /etc/libvirt/secrets}: {@code UUID.xml} is exactly the dumpxml text, {@code UUID.base64}
 * the value in base64 without a newline, both 0600 in a 0700 directory), written atomically, read
 * back by the next instance on the same root; ephemeral secrets never reach the disk.
 */
class SecretPersistenceTest {
    private static final UUID U = UUID.fromString("daeccd9b-8058-473a-8346-9b2255d7b583");
    private static final String CEPH = """
            <secret ephemeral='no' private='no'>
              <uuid>daeccd9b-8058-473a-8346-9b2255d7b583</uuid>
              <description>Ceph secret</description>
              <usage type='ceph'>
                <name>client.admin</name>
              </usage>
            </secret>
            """;

    private SecretFixture f;

    @BeforeEach
    void setUp() throws IOException {
        f = new SecretFixture();
    }

    @AfterEach
    void tearDown() throws IOException {
        f.close();
    }

    private Path secrets() {
        return f.dir.resolve("system/secrets");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(secrets())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("driver.pid")).sorted().toList();
        }
    }

    @Test
    void aPersistentSecretAndItsValueAreFilesOnlyTheOwnerReads() throws IOException {
        SecretConnection c = f.system();
        SecretRef ref = c.secretDefineXML(CEPH, 0);
        Path xml = secrets().resolve(U + ".xml");
        assertEquals(CEPH, Files.readString(xml), "the definition file is the dumpxml text");
        assertEquals("rw-------", mode(xml));
        assertEquals("rwx------", mode(secrets()));
        c.secretSetValue(ref, "hello".getBytes(StandardCharsets.UTF_8), 0);
        Path value = secrets().resolve(U + ".base64");
        assertEquals("aGVsbG8=", Files.readString(value), "base64, no newline");
        assertEquals("rw-------", mode(value));
        assertEquals(List.of(U + ".base64", U + ".xml"), files(), "no temporary file is left");
    }

    @Test
    void theNextInstanceOnTheSameRootHasTheSecretsAndValues() {
        SecretConnection c = f.system();
        SecretRef ref = c.secretDefineXML(CEPH, 0);
        c.secretSetValue(ref, new byte[] { 0, 1, 2, (byte) 255 }, 0);
        c.secretSetValue(ref, new byte[] { 7, 7 }, 0);
        f.restart();
        SecretConnection again = f.system();
        assertEquals(List.of(ref), again.connectListAllSecrets(0));
        assertEquals(CEPH, again.secretGetXMLDesc(ref, 0));
        assertArrayEquals(new byte[] { 7, 7 }, again.secretGetValue(ref, 0, false), "the last value set");
    }

    @Test
    void undefineRemovesBothFiles() throws IOException {
        SecretConnection c = f.system();
        SecretRef ref = c.secretDefineXML(CEPH, 0);
        c.secretSetValue(ref, new byte[] { 1 }, 0);
        c.secretUndefine(ref);
        assertEquals(List.of(), files());
        f.restart();
        assertEquals(List.of(), f.system().connectListAllSecrets(0));
    }

    @Test
    void anEphemeralSecretNeverTouchesTheDiskAndIsGoneAfterARestart() throws IOException {
        SecretConnection c = f.system();
        SecretRef ref = c.secretDefineXML(CEPH.replace("ephemeral='no'", "ephemeral='yes'"), 0);
        c.secretSetValue(ref, new byte[] { 1, 2, 3 }, 0);
        assertEquals(List.of(), files());
        assertArrayEquals(new byte[] { 1, 2, 3 }, c.secretGetValue(ref, 0, false));
        f.restart();
        VirtException e = assertThrows(VirtException.class, () -> f.system().secretLookupByUUID(U));
        assertEquals(ErrorCode.NO_SECRET, e.code());
    }

    @Test
    void becomingPersistentWritesDefinitionAndValueBecomingEphemeralRemovesThem() throws IOException {
        SecretConnection c = f.system();
        String ephemeral = CEPH.replace("ephemeral='no'", "ephemeral='yes'");
        SecretRef ref = c.secretDefineXML(ephemeral, 0);
        c.secretSetValue(ref, new byte[] { 9 }, 0);
        c.secretDefineXML(CEPH, 0);
        assertEquals(List.of(U + ".base64", U + ".xml"), files(), "the value kept in memory is saved too");
        c.secretDefineXML(ephemeral, 0);
        // libvirt 9.0 unlinks the value but leaves UUID.xml behind (its delete checks the new,
        // ephemeral definition): the secret came back without its value after a restart. jvirt removes both.
        assertEquals(List.of(), files());
        assertArrayEquals(new byte[] { 9 }, c.secretGetValue(ref, 0, false), "the value stays in memory");
        f.restart();
        assertEquals(List.of(), f.system().connectListAllSecrets(0));
    }

    @Test
    void filesTheDriverCannotTakeAreSkippedAtLoad() throws IOException {
        SecretConnection c = f.system();
        c.secretDefineXML(CEPH, 0);
        f.driver.deactivate();
        Files.writeString(secrets().resolve("11111111-2222-3333-4444-555555555555.xml"), CEPH); // wrong file name
        Files.writeString(secrets().resolve("broken.xml"), "<secret");
        f.driver = f.newDriver();
        assertEquals(List.of(U), f.system().connectListAllSecrets(0).stream().map(SecretRef::uuid).toList());
    }

    @Test
    void aFailedWriteChangesNothing() throws IOException {
        SecretConnection c = f.system();
        SecretRef ref = c.secretDefineXML(CEPH, 0);
        c.secretSetValue(ref, new byte[] { 1 }, 0);
        c.secretUndefine(ref);
        // a non-empty directory where the value file goes: the rename over it fails, even for root
        Files.createDirectories(secrets().resolve(U + ".base64").resolve("in-the-way"));
        ref = c.secretDefineXML(CEPH, 0);
        SecretRef r = ref;
        VirtException e = assertThrows(VirtException.class, () -> c.secretSetValue(r, new byte[] { 2 }, 0));
        assertEquals(ErrorCode.SYSTEM_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("cannot write secret value file '" + secrets().resolve(U + ".base64")),
                e.getMessage());
        VirtException none = assertThrows(VirtException.class, () -> c.secretGetValue(r, 0, false));
        assertEquals(ErrorCode.NO_SECRET, none.code(), "the value was not set");
        assertEquals(List.of(U + ".base64", U + ".xml"), files(), "no temporary file is left");
    }

    @Test
    void theRootsOfSystemSessionAndEmbedAreDisjoint() throws IOException {
        Path embed = f.dir.resolve("embed");
        f.system().secretDefineXML(CEPH, 0);
        assertEquals(List.of(), f.open("secret:///session").connectListAllSecrets(0));
        SecretConnection e = f.open("secret:///embed?root=" + embed);
        assertEquals(List.of(), e.connectListAllSecrets(0));
        e.secretDefineXML(CEPH, 0);
        assertTrue(Files.isRegularFile(embed.resolve("secrets").resolve(U + ".xml")));
        assertFalse(Files.exists(f.dir.resolve("session/secrets").resolve(U + ".xml")));
    }
}
