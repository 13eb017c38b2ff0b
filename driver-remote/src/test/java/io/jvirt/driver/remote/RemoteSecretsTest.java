package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.jvirt.api.ConnectUri;
import io.jvirt.api.SecretLifecycle;
import io.jvirt.api.SecretUsageType;
import io.jvirt.api.VirtException;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.SecretDriver;
import io.jvirt.spi.SecretEventSink;
import io.jvirt.spi.SecretRef;
import io.jvirt.testsupport.Libvirtd;

/**
 * The remote driver's own secret driver against a real libvirtd 9.0's {@code secret:///system}:
 * every SECRET procedure and the secret events, with the server's answers (its private rule, its
 * flag checks, what it does with what libvirt's client library would not even send).
 */
class RemoteSecretsTest {
    private static Libvirtd libvirtd;
    private static HypervisorDriver conn;
    private static SecretDriver secrets;

    @BeforeAll
    static void open() throws Exception {
        libvirtd = Libvirtd.start();
        OpenResult r = new RemoteDriver(Path.of("/nonexistent")).open(
                ConnectUri.parse(libvirtd.uri("secret", "system")), null, 0);
        if (r.status() != OpenResult.Status.SUCCESS) {
            throw new AssertionError("cannot open " + libvirtd.uri("secret", "system") + ": " + r.error());
        }
        conn = r.connection();
        secrets = conn.secretDriver().orElseThrow();
    }

    @AfterAll
    static void close() {
        if (conn != null) {
            conn.connectClose();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
    }

    private static void fails(String expected, Executable call) {
        VirtException e = assertThrows(VirtException.class, call);
        assertEquals(expected, e.code().value() + " " + e.domain().value() + " " + e.getMessage());
    }

    @Test
    void everyProcedureAsTheServerAnswersIt() {
        assertEquals("secret", conn.connectGetType());
        UUID u = UUID.fromString("55555555-2222-3333-4444-555555555555");
        SecretRef ref = secrets.secretDefineXML("<secret private='yes'><uuid>" + u + "</uuid><usage type='vtpm'>"
                + "<name>remote-vtpm</name></usage></secret>", 0);
        try {
            assertEquals(new SecretRef(u, SecretUsageType.VTPM, "remote-vtpm"), ref);
            assertEquals(ref, secrets.secretLookupByUUID(u));
            assertEquals(ref, secrets.secretLookupByUsage(SecretUsageType.VTPM, "remote-vtpm"));
            assertEquals(List.of(ref), secrets.connectListAllSecrets(4));
            assertEquals(List.of(), secrets.connectListAllSecrets(8));
            assertEquals(1, secrets.connectNumOfSecrets());
            assertEquals(List.of(u.toString()), secrets.connectListSecrets(10));
            assertEquals("<secret ephemeral='no' private='yes'>\n  <uuid>" + u + "</uuid>\n  <usage type='vtpm'>\n"
                    + "    <name>remote-vtpm</name>\n  </usage>\n</secret>\n", secrets.secretGetXMLDesc(ref, 0));
            secrets.secretSetValue(ref, new byte[] { 1, 2 }, 0);
            fails("65 30 Invalid secret: secret is private", () -> secrets.secretGetValue(ref, 0, false));
            fails("65 30 Invalid secret: secret is private", () -> secrets.secretGetValue(ref, 0, true));
            fails("8 30 unsupported flags (0x1) in function secretGetValue", () -> secrets.secretGetValue(ref, 1, false));
            fails("8 30 unsupported flags (0x10) in function secretConnectListAllSecrets",
                    () -> secrets.connectListAllSecrets(16));
            fails("66 30 Secret not found: no secret with matching usage 'nope'",
                    () -> secrets.secretLookupByUsage(SecretUsageType.CEPH, "nope"));
        } finally {
            secrets.secretUndefine(ref);
        }
        fails("66 30 Secret not found: no secret with matching uuid '" + u + "'", () -> secrets.secretUndefine(ref));
    }

    @Test
    void aPublicValueComesBackAndAnEmptyOneIsRefused() {
        SecretRef ref = secrets.secretDefineXML("<secret><usage type='tls'><name>remote-tls</name></usage></secret>", 0);
        try {
            secrets.secretSetValue(ref, new byte[] { 0, (byte) 200, 3 }, 0);
            assertArrayEquals(new byte[] { 0, (byte) 200, 3 }, secrets.secretGetValue(ref, 0, false));
            // libvirt's client library would refuse it itself; the server's XDR makes an empty value NULL
            fails("8 30 value in virSecretSetValue must not be NULL", () -> secrets.secretSetValue(ref, new byte[0], 0));
        } finally {
            secrets.secretUndefine(ref);
        }
    }

    @Test
    void eventsOfBothKinds() throws Exception {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        SecretEventSink sink = new SecretEventSink() {
            @Override
            public void lifecycle(SecretRef secret, SecretLifecycle type, int detail) {
                events.add(secret.usageId() + " " + type + " " + detail);
            }

            @Override
            public void valueChanged(SecretRef secret) {
                events.add(secret.usageId() + " value-changed");
            }
        };
        int lc = secrets.connectSecretEventRegisterAny(null, 0, sink);
        int vc = secrets.connectSecretEventRegisterAny(null, 1, sink);
        try {
            SecretRef ref = secrets.secretDefineXML("<secret ephemeral='yes'><usage type='iscsi'><target>iqn.ev</target>"
                    + "</usage></secret>", 0);
            secrets.secretSetValue(ref, new byte[] { 9 }, 0);
            secrets.secretUndefine(ref);
            assertEquals("iqn.ev DEFINED 0", events.poll(10, TimeUnit.SECONDS));
            assertEquals("iqn.ev value-changed", events.poll(10, TimeUnit.SECONDS));
            assertEquals("iqn.ev UNDEFINED 0", events.poll(10, TimeUnit.SECONDS));
        } finally {
            secrets.connectSecretEventDeregisterAny(lc);
            secrets.connectSecretEventDeregisterAny(vc);
        }
        fails("1 7 internal error: unsupported secret event ID 7", () -> secrets.connectSecretEventRegisterAny(null, 7, sink));
    }
}
