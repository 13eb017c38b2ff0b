package io.jvirt.driver.remote;

import org.junit.jupiter.api.Nested;

/** The API suite through the remote driver to jvirtd serving the vendor driver. */
class JvirtdApiTest {
    static Jvirtd jvirtd;
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(java.nio.file.Path.of("/nonexistent"));

    static synchronized Jvirtd jvirtd() throws Exception {
        if (jvirtd == null) {
            jvirtd = new Jvirtd();
        }
        return jvirtd;
    }

    @Nested
    class OverUnix extends ApiSuite {
        @Override
        protected void startServer() throws Exception {
            jvirtd();
        }

        @Override
        protected Target target() {
            return new Target(jvirtd.unixUri(), "vendor-1", ApiSuite::vendorXml, CLIENT::open);
        }
    }

    @Nested
    class OverTcp extends ApiSuite {
        @Override
        protected void startServer() throws Exception {
            jvirtd();
        }

        @Override
        protected Target target() {
            return new Target(jvirtd.tcpUri(), "vendor-1", ApiSuite::vendorXml, CLIENT::open);
        }
    }
}
