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

    /**
     * qemu:///system with a diskless guest and no kernel: SeaBIOS alone keeps a QEMU running. Type
     * qemu (TCG) because KVM may be there and still not boot anything (PVM, see
     * scripts/test-guest/accel.sh); the swap checks need a running QEMU, not a booted OS.
     */
    static final DriverUnderTest QEMU = new DriverUnderTest("jvirt-driver-qemu", "io.jvirt.driver.qemu",
            "qemu:///system",
            "<domain type='qemu'><name>%s</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                    + "<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>",
            "karaf-guest",
            "<domain type='qemu'><name>karaf-guest</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                    + "<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>");

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
