package io.jvirt.network.nwfilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.jvirt.api.Connect;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.network.nwfilter.host.HostNet;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.testsupport.NetNs;

/**
 * The driver as tests use it: in the registry without OSGi, with an embedded instance whose root is a
 * fresh temporary directory and whose network stack is a namespace the test made.
 */
final class Jvirt implements AutoCloseable {
    final Path root;
    final NWFilterDriverComponent driver;
    final InProcessVirt virt;

    Jvirt(NetNs ns) throws IOException {
        this(ns, Files.createTempDirectory(Path.of("/tmp"), "jvnwf"));
    }

    Jvirt(NetNs ns, Path root) {
        this.root = root;
        HostNet host = HostNet.netns(ns.name);
        this.driver = new NWFilterDriverComponent(root.resolve("system"), NWFilterDriverComponent.STOCK_DIR,
                new SchemaValidator(SchemaValidator.DEFAULT_DIR), scope -> host);
        this.virt = new InProcessVirt("nwfilter:///embed?root=" + root).add(driver, "nwfilter", "nwfilter", "nwfilter");
    }

    String uri() {
        return "nwfilter:///embed?root=" + root;
    }

    Connect open() {
        return virt.open(uri());
    }

    /** The component goes (as at a bundle stop): instances let go, files and rules stay. */
    void stop() {
        driver.deactivate();
    }

    @Override
    public void close() throws IOException {
        driver.deactivate();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void requireStockFilters() {
        if (!Files.isRegularFile(NWFilterDriverComponent.STOCK_DIR.resolve("clean-traffic.xml"))) {
            throw new IllegalStateException("libvirt's stock filters are missing from " + NWFilterDriverComponent.STOCK_DIR
                    + ": install Debian's libvirt-daemon-config-nwfilter (scripts/ensure-deps.sh test does)");
        }
    }
}
