package io.jvirt.itest.karaf;

import java.nio.file.Path;

/**
 * A driver whose feature and bundle the Karaf test swaps: {@code bundle:update} under a live
 * virsh session, {@code feature:uninstall} and reinstall.
 *
 * @param feature  its Karaf feature
 * @param bundle   its bundle's symbolic name
 * @param uri      a URI it serves, e.g. {@code test:///default}
 * @param probeXml a domain definition with {@code %s} for the name: defining one makes an event
 * @param guestXml a domain that is started before the swap and must still run after it (its
 *                 name is {@code guestName}), or null for a driver that keeps no state across
 *                 a restart of its bundle (the test driver)
 */
record DriverUnderTest(String feature, String bundle, String uri, String probeXml, String guestName,
        String guestXml) {

    static final DriverUnderTest TEST = new DriverUnderTest("jvirt-driver-test", "io.jvirt.driver.test",
            "test:///default",
            "<domain type='test'><name>%s</name><memory unit='KiB'>8192</memory><os><type>hvm</type></os></domain>",
            null, null);

    // jvirt-driver-qemu: when the module lands, e.g.
    // static final DriverUnderTest QEMU = new DriverUnderTest("jvirt-driver-qemu", "io.jvirt.driver.qemu",
    //         "qemu:///system", "<domain type='qemu'><name>%s</name>...</domain>", "karaf-guest", "<domain ...>");
    // and two @Test methods in KarafFeaturesIT that call the same checks with QEMU.

    /** The same URI through jvirtd's unix socket, as virsh names it: {@code test+unix:///default?socket=...}. */
    String viaDaemon(Path socket) {
        int colon = uri.indexOf(':');
        return uri.substring(0, colon) + "+unix" + uri.substring(colon) + (uri.contains("?") ? "&" : "?")
                + "socket=" + socket;
    }

    boolean keepsGuests() {
        return guestXml != null;
    }
}
