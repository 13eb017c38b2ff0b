package io.jvirt.driver.remote;

import org.junit.jupiter.api.Nested;

import io.jvirt.testsupport.Libvirtd;

/** The API suite through the remote driver to a real libvirtd's test:///default. */
class LibvirtdApiTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(java.nio.file.Path.of("/nonexistent"));

    @Nested
    class OverUnix extends ApiSuite {
        Libvirtd l;

        @Override
        protected void startServer() throws Exception {
            l = Libvirtd.shared();
        }

        @Override
        protected Target target() {
            return new Target(l.uri("test", "default"), "test", ApiSuite::testDriverXml, CLIENT::open);
        }
    }

    @Nested
    class OverTcp extends ApiSuite {
        Libvirtd l;

        @Override
        protected void startServer() throws Exception {
            l = Libvirtd.shared();
        }

        @Override
        protected Target target() {
            return new Target(l.tcpUri("test", "default"), "test", ApiSuite::testDriverXml, CLIENT::open);
        }
    }
}
