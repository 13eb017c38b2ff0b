package io.jvirt.driver.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.SecretLifecycle;
import io.jvirt.api.VirtException;
import io.jvirt.spi.SecretEventSink;
import io.jvirt.spi.SecretRef;

/**
 * Secret events as libvirtd 9.0 sends them (measured with {@code virsh secret-event --loop}:
 * define and a redefine each give "Defined", undefine "Undefined", set-value "value-changed"),
 * per registration kind and, with a secret, for that secret only.
 */
class SecretEventsTest {
    private static final String XML = "<secret ephemeral='yes'><uuid>33333333-2222-3333-4444-555555555555</uuid>"
            + "<usage type='iscsi'><target>iqn.x</target></usage></secret>";

    private SecretFixture f;
    private SecretConnection c;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws IOException {
        f = new SecretFixture();
        c = f.system();
    }

    @AfterEach
    void tearDown() throws IOException {
        f.close();
    }

    private SecretEventSink sink(String label) {
        return new SecretEventSink() {
            @Override
            public void lifecycle(SecretRef secret, SecretLifecycle type, int detail) {
                events.add(label + " " + secret.uuid() + " " + secret.usageId() + " " + type + " " + detail);
            }

            @Override
            public void valueChanged(SecretRef secret) {
                events.add(label + " " + secret.uuid() + " value-changed");
            }
        };
    }

    private String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 10 s");
        }
        return e;
    }

    private void nothingMore() throws InterruptedException {
        assertNull(events.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void lifecycleAndValueChangedInTheOrderOfTheChanges() throws InterruptedException {
        int lc = c.connectSecretEventRegisterAny(null, 0, sink("lc"));
        int vc = c.connectSecretEventRegisterAny(null, 1, sink("vc"));
        SecretRef ref = c.secretDefineXML(XML, 0);
        c.secretDefineXML(XML, 0);
        c.secretSetValue(ref, new byte[] { 1 }, 0);
        c.secretUndefine(ref);
        String u = ref.uuid().toString();
        assertEquals("lc " + u + " iqn.x DEFINED 0", next());
        assertEquals("lc " + u + " iqn.x DEFINED 0", next());
        assertEquals("vc " + u + " value-changed", next());
        assertEquals("lc " + u + " iqn.x UNDEFINED 0", next());
        nothingMore();
        c.connectSecretEventDeregisterAny(lc);
        c.connectSecretEventDeregisterAny(vc);
        c.secretDefineXML(XML, 0);
        nothingMore();
    }

    @Test
    void aRegistrationForOneSecretSeesOnlyThatOne() throws InterruptedException {
        SecretRef ref = c.secretDefineXML(XML, 0);
        c.connectSecretEventRegisterAny(ref, 0, sink("one"));
        c.secretDefineXML("<secret><usage type='tls'><name>other</name></usage></secret>", 0);
        c.secretUndefine(ref);
        assertEquals("one " + ref.uuid() + " iqn.x UNDEFINED 0", next());
        nothingMore();
    }

    @Test
    void failedChangesSendNothing() throws InterruptedException {
        c.connectSecretEventRegisterAny(null, 0, sink("lc"));
        c.secretDefineXML(XML, 0);
        next();
        assertThrows(VirtException.class, () -> c.secretDefineXML(XML.replace("iqn.x", "iqn.y"), 0));
        assertThrows(VirtException.class, () -> c.secretDefineXML("<secret><uuid>bad</uuid></secret>", 0));
        nothingMore();
    }

    @Test
    void closingTheConnectionEndsItsRegistrationsOnly() throws InterruptedException {
        SecretConnection other = f.system();
        other.connectSecretEventRegisterAny(null, 0, sink("other"));
        c.connectSecretEventRegisterAny(null, 0, sink("mine"));
        other.connectClose();
        c.secretDefineXML(XML, 0);
        assertEquals("mine", next().split(" ")[0]);
        nothingMore();
        VirtException e = assertThrows(VirtException.class, () -> c.connectSecretEventDeregisterAny(999));
        assertEquals("invalid argument: event callback id 999 not registered", e.getMessage());
    }
}
