package io.jvirt.driver.remote;

import org.junit.jupiter.api.Nested;

/** The API suite through the remote driver to a real libvirtd's test:///default. */
class LibvirtdApiTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(java.nio.file.Path.of("/nonexistent"));

    @Nested
    class OverUnix extends ApiSuite {
        Libvirtd l;

        @Override
        protected void startServer() throws Exception {
            l = Libvirtd.get();
        }

        @Override
        protected Target target() {
            return new Target(l.unixUri(), "test", ApiSuite::testDriverXml, CLIENT::open);
        }
    }

    @Nested
    class OverTcp extends ApiSuite {
        Libvirtd l;

        @Override
        protected void startServer() throws Exception {
            l = Libvirtd.get();
        }

        @Override
        protected Target target() {
            return new Target(l.tcpUri(), "test", ApiSuite::testDriverXml, CLIENT::open);
        }
    }
}
