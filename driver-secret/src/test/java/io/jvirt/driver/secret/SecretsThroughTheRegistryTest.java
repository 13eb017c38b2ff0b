package io.jvirt.driver.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.jvirt.api.Connect;
import io.jvirt.api.Secret;
import io.jvirt.api.SecretEventCallback;
import io.jvirt.api.SecretEventId;
import io.jvirt.api.SecretLifecycle;
import io.jvirt.api.SecretUsageType;
import io.jvirt.api.VirtException;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.SecondaryConnections;

/**
 * Secrets as the platform hands them out: through {@code Connect} (the registry's facade and
 * handles, its read-only rule), from a hypervisor connection of a scope to that scope's secret
 * instance ({@code hv:///embed?root=A} uses {@code secret:///embed?root=A}), and to a hypervisor
 * driver itself through {@link SecondaryConnections}, which alone reads a private secret's value.
 */
class SecretsThroughTheRegistryTest {
    private SecretFixture f;
    private InProcessVirt virt;
    /** What the stub hypervisor driver of the last connection was given. */
    private final AtomicReference<SecondaryConnections> given = new AtomicReference<>();

    @BeforeEach
    void setUp() throws IOException {
        f = new SecretFixture();
        virt = new InProcessVirt("hv:///system").add(f.driver, "secret", "secret", "secret")
                .add((uri, auth, flags) -> OpenResult.success(new HypervisorDriver() {
                    @Override
                    public void connectSetSecondaries(SecondaryConnections secondaries) {
                        given.set(secondaries);
                    }
                }), "hv", "hv");
    }

    @AfterEach
    void tearDown() throws IOException {
        f.close();
    }

    private static void fails(String expected, Executable call) {
        VirtException e = assertThrows(VirtException.class, call);
        assertEquals(expected, e.code().value() + " " + e.domain().value() + " " + e.getMessage());
    }

    private String embed(String name) {
        return "/embed?root=" + f.dir.resolve(name);
    }

    @Test
    void onlyADriverInsideThePlatformReadsAPrivateValue() {
        try (Connect app = virt.open("hv://" + embed("a"))) {
            Secret s = app.secretDefineXML("<secret private='yes'><usage type='volume'><volume>/a/disk.img</volume>"
                    + "</usage></secret>");
            s.setValue("passphrase".getBytes());
            fails("65 30 Invalid secret: secret is private", s::getValue);
            SecondaryConnections driverSide = given.get();
            Secret found = driverSide.open("secret").secretLookupByUsage(SecretUsageType.VOLUME, "/a/disk.img");
            assertEquals(s.getUUID(), found.getUUID());
            assertArrayEquals("passphrase".getBytes(), driverSide.secretValue(found));
            fails("65 30 Invalid secret: secret is private", found::getValue);
        }
    }

    @Test
    void aHypervisorConnectionUsesTheSecretsOfItsScope() {
        try (Connect a = virt.open("hv://" + embed("a")); Connect b = virt.open("hv://" + embed("b"));
                Connect system = virt.open("hv:///system")) {
            a.secretDefineXML("<secret><usage type='ceph'><name>a</name></usage></secret>");
            b.secretDefineXML("<secret><usage type='ceph'><name>b</name></usage></secret>");
            assertEquals(List.of("a"), a.listAllSecrets().stream().map(Secret::getUsageID).toList());
            assertEquals(List.of("b"), b.listAllSecrets().stream().map(Secret::getUsageID).toList());
            assertEquals(0, system.numOfSecrets());
            try (Connect direct = virt.open("secret://" + embed("a"))) {
                assertEquals("a", direct.secretLookupByUsage(SecretUsageType.CEPH, "a").getUsageID());
                assertEquals("secret", direct.getType());
            }
        }
    }

    @Test
    void aReadOnlyConnectionListsAndReadsDefinitionsOnly() {
        try (Connect rw = virt.open("hv:///system"); Connect ro = virt.openReadOnly("hv:///system")) {
            Secret s = rw.secretDefineXML("<secret><uuid>c0ffee00-0000-4000-8000-000000000001</uuid>"
                    + "<usage type='tls'><name>t</name></usage></secret>");
            s.setValue(new byte[] { 1 });
            Secret r = ro.secretLookupByUUID(s.getUUID());
            assertEquals(List.of(s.getUUID()), ro.listAllSecrets().stream().map(Secret::getUUID).toList());
            assertEquals(rw.secretLookupByUUID(s.getUUID()).getXMLDesc(), r.getXMLDesc());
            String denied = "29 30 operation forbidden: read only access prevents ";
            fails(denied + "virSecretGetValue", r::getValue);
            fails(denied + "virSecretSetValue", () -> r.setValue(new byte[] { 2 }));
            fails(denied + "virSecretUndefine", r::undefine);
            fails(denied + "virSecretDefineXML", () -> ro.secretDefineXML("<secret/>"));
            assertArrayEquals(new byte[] { 1 }, s.getValue());
            fails("8 30 value in virSecretSetValue must not be NULL", () -> s.setValue(new byte[0]));
        }
    }

    @Test
    void eventsReachTheApplicationThroughItsHypervisorConnection() throws Exception {
        try (Connect app = virt.open("hv:///session")) {
            LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
            int lc = app.secretEventRegisterAny(null, SecretEventId.LIFECYCLE,
                    (secret, type, detail) -> heard.add(secret.getUsageID() + " " + type));
            int vc = app.secretEventRegisterAny(null, SecretEventId.VALUE_CHANGED, new SecretEventCallback() {
                @Override
                public void onLifecycle(Secret secret, SecretLifecycle type, int detail) {
                }

                @Override
                public void onValueChanged(Secret secret) {
                    heard.add(secret.getUsageID() + " value");
                }
            });
            Secret s = app.secretDefineXML("<secret ephemeral='yes'><usage type='vtpm'><name>v</name></usage></secret>");
            s.setValue(new byte[] { 3 });
            s.undefine();
            assertEquals("v DEFINED", heard.poll(10, TimeUnit.SECONDS));
            assertEquals("v value", heard.poll(10, TimeUnit.SECONDS));
            assertEquals("v UNDEFINED", heard.poll(10, TimeUnit.SECONDS));
            app.secretEventDeregisterAny(lc);
            app.secretEventDeregisterAny(vc);
        }
    }
}
