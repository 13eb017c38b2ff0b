package io.jvirt.driver.remote;

import org.junit.jupiter.api.Nested;

/**
 * The same API suite against test:///default three ways, as issue 6 asks: jvirt's test driver
 * in-process, jvirt's test driver through jvirtd (test+unix), and — in {@link LibvirtdApiTest} —
 * libvirt's test driver through a real libvirtd (test+unix and test+tcp).
 */
class TestDriverApiTest {
    static final io.jvirt.registry.testing.InProcessVirt IN_PROCESS = Platform.inProcessTestDriver();
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(java.nio.file.Path.of("/nonexistent"));

    @Nested
    class InProcess extends ApiSuite {
        @Override
        protected Target target() {
            return new Target("test:///default", "test", ApiSuite::testDriverXml, IN_PROCESS::open);
        }
    }

    @Nested
    class ThroughJvirtd extends ApiSuite {
        @Override
        protected void startServer() throws Exception {
            JvirtdApiTest.jvirtd();
        }

        @Override
        protected Target target() {
            return new Target(JvirtdApiTest.jvirtd.testUnixUri(), "test", ApiSuite::testDriverXml, CLIENT::open);
        }
    }
}
