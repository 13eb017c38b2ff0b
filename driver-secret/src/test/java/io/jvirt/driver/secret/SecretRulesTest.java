package io.jvirt.driver.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.jvirt.api.SecretUsageType;
import io.jvirt.api.VirtException;
import io.jvirt.spi.SecretRef;

/**
 * libvirt 9.0's rules for defining, looking up, listing and reading secrets, with the code, domain
 * and message libvirtd's secret driver answered to libvirt-python for each (measured on the anchor
 * libvirtd; the numbers are virErrorNumber and virErrorDomain, 30 = VIR_FROM_SECRET).
 */
class SecretRulesTest {
    private static final String A = "11111111-2222-3333-4444-555555555555";
    private SecretFixture f;
    private SecretConnection c;

    @BeforeEach
    void setUp() throws IOException {
        f = new SecretFixture();
        c = f.system();
    }

    @AfterEach
    void tearDown() throws IOException {
        f.close();
    }

    private static String secret(String attrs, String uuid, String usage) {
        return "<secret" + attrs + ">" + (uuid == null ? "" : "<uuid>" + uuid + "</uuid>") + usage + "</secret>";
    }

    private static String ceph(String name) {
        return "<usage type='ceph'><name>" + name + "</name></usage>";
    }

    private static void fails(int code, int domain, String message, Executable call) {
        VirtException e = assertThrows(VirtException.class, call);
        assertEquals(code + " " + domain + " " + message, e.code().value() + " " + e.domain().value() + " "
                + e.getMessage());
    }

    @Test
    void aNewSecretMayNotTakeTheUsageOfAnother() {
        c.secretDefineXML(secret("", A, ceph("dup")), 0);
        fails(1, 30, "internal error: a secret with UUID " + A + " already defined for use with dup",
                () -> c.secretDefineXML(secret("", "11111111-2222-3333-4444-555555555556", ceph("dup")), 0));
        // the same ID under another usage type is another usage
        c.secretDefineXML(secret("", "11111111-2222-3333-4444-555555555557",
                "<usage type='tls'><name>dup</name></usage>"), 0);
        assertEquals(2, c.connectNumOfSecrets());
    }

    @Test
    void aRedefinitionKeepsItsUsageIdButMayChangeItsType() {
        c.secretDefineXML(secret("", A, ceph("dup")), 0);
        fails(1, 30, "internal error: a secret with UUID " + A + " is already defined for use with dup",
                () -> c.secretDefineXML(secret("", A, ceph("other")), 0));
        fails(1, 30, "internal error: a secret with UUID " + A + " is already defined for use with dup",
                () -> c.secretDefineXML(secret("", A, ""), 0));
        SecretRef iscsi = c.secretDefineXML(secret("", A, "<usage type='iscsi'><target>dup</target></usage>"), 0);
        assertEquals(new SecretRef(UUID.fromString(A), SecretUsageType.ISCSI, "dup"), iscsi);
        fails(66, 30, "Secret not found: no secret with matching usage 'dup'",
                () -> c.secretLookupByUsage(SecretUsageType.CEPH, "dup"));
        assertEquals(iscsi, c.secretLookupByUsage(SecretUsageType.ISCSI, "dup"));
    }

    @Test
    void aSecretWithoutUsageKeepsHavingNone() {
        c.secretDefineXML(secret("", "44444444-2222-3333-4444-555555555555", ""), 0);
        fails(1, 30, "internal error: a secret with UUID 44444444-2222-3333-4444-555555555555 is already defined "
                + "for use with (null)", () -> c.secretDefineXML(secret("", "44444444-2222-3333-4444-555555555555",
                        ceph("x")), 0));
        c.secretDefineXML(secret("", "44444444-2222-3333-4444-555555555555", "<description>n</description>"), 0);
        // secrets without usage never collide, and are never found by usage
        c.secretDefineXML("<secret/>", 0);
        c.secretDefineXML("<secret><usage type='none'/></secret>", 0);
        assertEquals(3, c.connectNumOfSecrets());
        fails(66, 30, "Secret not found: no secret with matching usage ''",
                () -> c.secretLookupByUsage(SecretUsageType.NONE, ""));
    }

    @Test
    void aPrivateSecretStaysPrivate() {
        c.secretDefineXML(secret(" private='yes'", A, ceph("pp")), 0);
        fails(1, 30, "internal error: cannot change private flag on existing secret",
                () -> c.secretDefineXML(secret(" private='no'", A, ceph("pp")), 0));
        SecretRef pub = c.secretDefineXML(secret("", "11111111-2222-3333-4444-555555555559", ceph("pq")), 0);
        c.secretDefineXML(secret(" private='yes'", pub.uuid().toString(), ceph("pq")), 0);
        assertEquals("<secret ephemeral='no' private='yes'>", c.secretGetXMLDesc(pub, 0).lines().findFirst().get());
    }

    @Test
    void everyUsageTypeIsFoundByItsId() {
        String[][] usages = { { "volume", "volume", "/var/lib/libvirt/images/image.img" },
                { "ceph", "name", "client.admin secret" }, { "iscsi", "target", "iqn.2013-07.com.example:disk" },
                { "tls", "name", "tls-x509" }, { "vtpm", "name", "vTPMvTPMvTPM" } };
        for (String[] u : usages) {
            SecretRef ref = c.secretDefineXML("<secret><usage type='" + u[0] + "'><" + u[1] + ">" + u[2] + "</" + u[1]
                    + "></usage></secret>", 0);
            SecretUsageType type = SecretUsageType.valueOf(u[0].toUpperCase());
            assertEquals(new SecretRef(ref.uuid(), type, u[2]), ref);
            assertEquals(ref, c.secretLookupByUsage(type, u[2]), u[0]);
            assertEquals(ref, c.secretLookupByUUID(ref.uuid()), u[0]);
        }
        fails(66, 30, "Secret not found: no secret with matching usage 'tls-x509'",
                () -> c.secretLookupByUsage(SecretUsageType.CEPH, "tls-x509"));
        fails(66, 30, "Secret not found: no secret with matching uuid '00000000-0000-0000-0000-000000000001'",
                () -> c.secretLookupByUUID(UUID.fromString("00000000-0000-0000-0000-000000000001")));
    }

    @Test
    void listsAreFilteredByLibvirtsFlagGroupsAndSortedByUuid() {
        c.secretDefineXML(secret(" ephemeral='yes'", "cccccccc-0000-4000-8000-000000000001", ""), 0);
        c.secretDefineXML(secret(" private='yes'", "aaaaaaaa-0000-4000-8000-000000000001", ""), 0);
        c.secretDefineXML(secret(" ephemeral='yes' private='yes'", "dddddddd-0000-4000-8000-000000000001", ""), 0);
        c.secretDefineXML(secret("", "bbbbbbbb-0000-4000-8000-000000000001", ""), 0);
        assertEquals(List.of("a", "b", "c", "d"), firstLetters(0));
        assertEquals(List.of("c", "d"), firstLetters(1), "EPHEMERAL");
        assertEquals(List.of("a", "b"), firstLetters(2), "NO_EPHEMERAL");
        assertEquals(List.of("a", "d"), firstLetters(4), "PRIVATE");
        assertEquals(List.of("b", "c"), firstLetters(8), "NO_PRIVATE");
        assertEquals(List.of("a", "b", "c", "d"), firstLetters(3), "both of a group: all");
        assertEquals(List.of("d"), firstLetters(1 | 4), "EPHEMERAL and PRIVATE");
        fails(8, 30, "unsupported flags (0x10) in function secretConnectListAllSecrets",
                () -> c.connectListAllSecrets(16));
        assertEquals(4, c.connectNumOfSecrets());
        assertEquals(List.of("aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000001"),
                c.connectListSecrets(2));
    }

    private List<String> firstLetters(int flags) {
        return c.connectListAllSecrets(flags).stream().map(r -> r.uuid().toString().substring(0, 1)).toList();
    }

    @Test
    void aValueIsReadBackUnlessThereIsNoneOrTheSecretIsPrivate() {
        SecretRef ref = c.secretDefineXML(secret("", A, ceph("v")), 0);
        fails(66, 30, "Secret not found: secret '" + A + "' does not have a value",
                () -> c.secretGetValue(ref, 0, false));
        c.secretSetValue(ref, new byte[] { 0, 1, 's' }, 0);
        assertArrayEquals(new byte[] { 0, 1, 's' }, c.secretGetValue(ref, 0, false));
        SecretRef priv = c.secretDefineXML(secret(" private='yes'", "11111111-2222-3333-4444-555555555558",
                ceph("pv")), 0);
        c.secretSetValue(priv, "pv".getBytes(), 0);
        fails(65, 30, "Invalid secret: secret is private", () -> c.secretGetValue(priv, 0, false));
        assertArrayEquals("pv".getBytes(), c.secretGetValue(priv, 0, true), "a driver inside the platform reads it");
        fails(8, 30, "value in virSecretSetValue must not be NULL", () -> c.secretSetValue(ref, new byte[0], 0));
        byte[] copy = c.secretGetValue(ref, 0, false);
        copy[0] = 42;
        assertNotEquals(42, c.secretGetValue(ref, 0, false)[0], "callers get a copy");
    }

    @Test
    void flagsAreCheckedInTheDriverFunctionsNames() {
        SecretRef ref = c.secretDefineXML(secret("", A, ceph("f")), 0);
        fails(8, 30, "unsupported flags (0x2) in function secretDefineXML", () -> c.secretDefineXML("<secret/>", 2));
        fails(8, 30, "unsupported flags (0x1) in function secretSetValue", () -> c.secretSetValue(ref, new byte[1], 1));
        fails(8, 30, "unsupported flags (0x1) in function secretGetValue", () -> c.secretGetValue(ref, 1, false));
        fails(8, 30, "unsupported flags (0x1) in function secretGetXMLDesc", () -> c.secretGetXMLDesc(ref, 1));
    }

    @Test
    void validateChecksTheSchemaBeforeTheDefinitionIsTaken() {
        String relative = "<secret><usage type='volume'><volume>rel/path</volume></usage></secret>";
        VirtException e = assertThrows(VirtException.class, () -> c.secretDefineXML(relative, 1));
        assertEquals(92, e.code().value(), e.getMessage());
        assertEquals(0, c.connectNumOfSecrets());
        c.secretDefineXML(relative, 0);
        assertEquals(1, c.connectNumOfSecrets(), "without the flag libvirt takes it");
    }

    @Test
    void aStaleRefFailsAsLibvirtsDo() {
        SecretRef ref = c.secretDefineXML(secret("", A, ceph("s")), 0);
        c.secretUndefine(ref);
        String gone = "Secret not found: no secret with matching uuid '" + A + "'";
        fails(66, 30, gone, () -> c.secretUndefine(ref));
        fails(66, 30, gone, () -> c.secretGetXMLDesc(ref, 0));
        fails(66, 30, gone, () -> c.secretSetValue(ref, new byte[] { 1 }, 0));
        fails(66, 30, gone, () -> c.secretGetValue(ref, 0, false));
    }

    @Test
    void badXmlChangesNothing() {
        c.secretDefineXML(secret("", A, ceph("keep")), 0);
        fails(67, 30, "unsupported configuration: unknown secret usage type foo",
                () -> c.secretDefineXML(secret("", A, "<usage type='foo'><name>x</name></usage>"), 0));
        fails(1, 30, "internal error: malformed uuid element",
                () -> c.secretDefineXML(secret("", "not-a-uuid", ceph("x")), 0));
        assertEquals(List.of(new SecretRef(UUID.fromString(A), SecretUsageType.CEPH, "keep")),
                c.connectListAllSecrets(0));
    }
}
