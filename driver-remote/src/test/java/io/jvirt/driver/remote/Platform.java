package io.jvirt.driver.remote;

import java.nio.file.Path;

import io.jvirt.driver.test.TestDriver;
import io.jvirt.examples.vendor.VendorDriver;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * The platforms of these tests, on the registry's in-process {@link InProcessVirt}: the server side
 * (what jvirtd serves) holds the vendor driver and jvirt's test driver; the client side holds the
 * vendor driver and the remote driver last, so that {@code vendor+unix://} and friends resolve to
 * the remote driver exactly as in the platform.
 */
final class Platform {
    private Platform() {
    }

    /** jvirtd's side: the vendor driver and jvirt's test driver. */
    static InProcessVirt server() {
        return new InProcessVirt("vendor:///default").add(new VendorDriver(), "vendor", "vendor")
                .add(new TestDriver(), "test", "test");
    }

    /** An application's side: vendor driver plus the remote driver (default socket dir given, for the decline rule). */
    static InProcessVirt client(Path defaultSocketDir) {
        return new InProcessVirt("vendor:///default").add(new VendorDriver(), "vendor", "vendor")
                .add(new RemoteDriver(defaultSocketDir), "remote", null);
    }

    /** An application with jvirt's test driver in-process (and the remote driver last). */
    static InProcessVirt inProcessTestDriver() {
        return new InProcessVirt("test:///default").add(new TestDriver(), "test", "test")
                .add(new RemoteDriver(Path.of("/nonexistent")), "remote", null);
    }
}
