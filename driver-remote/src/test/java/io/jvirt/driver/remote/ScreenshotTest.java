package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.Stream;
import io.jvirt.api.VirtException;
import io.jvirt.driver.test.screen.TestScreen;
import io.jvirt.testsupport.Libvirtd;

/**
 * virDomainScreenshot through the remote driver's streams, against jvirt's test driver behind
 * jvirtd and libvirt 9.0's test driver behind a real libvirtd (its image is the
 * {@code test-screenshot.png} that libvirt installs): the MIME type, the whole image, the end of the
 * stream, and that the connection carries on after a finish or an abort.
 */
class ScreenshotTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Leg {
        abstract String uri() throws Exception;

        /** The image the server's test driver shows. */
        abstract byte[] expectedImage() throws Exception;

        static byte[] readAll(Stream st) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[10_000]; // smaller than a packet: packets are handed out in parts
            for (int n; (n = st.recv(buf, 0, buf.length)) > 0;) {
                out.write(buf, 0, n);
            }
            assertEquals(0, st.recv(buf, 0, buf.length), "the end stays the end");
            return out.toByteArray();
        }

        <T> T withConnection(Function<Connect, T> body) throws Exception {
            try (Connect c = CLIENT.open(uri())) {
                return body.apply(c);
            }
        }

        @Test
        void screenshotStreamsThePngAndFinishes() throws Exception {
            byte[] expected = expectedImage();
            withConnection(c -> {
                Domain d = c.domainLookupByName("test");
                for (int screen : new int[] { 0, 3 }) { // every screen shows the same picture, as libvirt's
                    try (Stream st = c.newStream()) {
                        assertEquals("image/png", d.screenshot(st, screen));
                        byte[] png = readAll(st);
                        st.finish();
                        assertArrayEquals(expected, png);
                        ByteBuffer ihdr = ByteBuffer.wrap(png, 16, 13);
                        assertEquals(TestScreen.WIDTH, ihdr.getInt());
                        assertEquals(TestScreen.HEIGHT, ihdr.getInt());
                    }
                }
                assertEquals("test", c.domainLookupByName("test").getName(), "the connection carries on");
                return null;
            });
        }

        @Test
        void anInactiveDomainHasAScreenToo() throws Exception {
            withConnection(c -> {
                Domain d = c.domainLookupByName("test");
                d.destroy();
                try (Stream st = c.newStream()) {
                    assertEquals("image/png", d.screenshot(st, 0));
                    assertTrue(readAll(st).length > 0);
                    st.finish();
                } finally {
                    d.create();
                }
                return null;
            });
        }

        @Test
        void abortingMidStreamLeavesTheConnectionWorking() throws Exception {
            withConnection(c -> {
                Domain d = c.domainLookupByName("test");
                Stream st = c.newStream();
                d.screenshot(st, 0);
                byte[] few = new byte[100];
                assertEquals(100, st.recv(few, 0, 100));
                st.abort();
                assertEquals((byte) 0x89, few[0]);
                assertEquals("PNG", new String(Arrays.copyOfRange(few, 1, 4)));
                VirtException e = assertThrows(VirtException.class, () -> st.recv(few, 0, 100));
                assertEquals(ErrorCode.NO_SUPPORT, e.code(), "an aborted stream has no data any more");
                assertEquals("test", c.domainLookupByName("test").getName());
                return null;
            });
        }

        @Test
        void aStreamOfAnotherConnectionIsRefused() throws Exception {
            withConnection(c -> {
                try (Connect other = CLIENT.open(uri()); Stream foreign = other.newStream()) {
                    VirtException e = assertThrows(VirtException.class,
                            () -> c.domainLookupByName("test").screenshot(foreign, 0));
                    assertEquals(ErrorCode.INVALID_ARG, e.code());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return null;
            });
        }

        @Test
        void aReadOnlyConnectionMayNotTakeScreenshots() throws Exception {
            try (Connect c = CLIENT.openReadOnly(uri()); Stream st = c.newStream()) {
                VirtException e = assertThrows(VirtException.class, () -> c.domainLookupByName("test").screenshot(st, 0));
                assertEquals(ErrorCode.OPERATION_DENIED, e.code());
            }
        }

        @Test
        void anUnboundStreamHasNoData() throws Exception {
            withConnection(c -> {
                try (Stream st = c.newStream()) {
                    VirtException e = assertThrows(VirtException.class, () -> st.recv(new byte[1], 0, 1));
                    assertEquals(ErrorCode.NO_SUPPORT, e.code());
                    assertEquals("this function is not supported by the connection driver: virStreamRecv", e.getMessage());
                    st.abort(); // aborting an unused stream is fine
                }
                return null;
            });
        }
    }

    @Nested
    class ThroughJvirtd extends Leg {
        @Override
        String uri() throws Exception {
            return JvirtdApiTest.jvirtd().testUnixUri();
        }

        @Override
        byte[] expectedImage() {
            return TestScreen.png();
        }
    }

    @Nested
    class ThroughLibvirtdUnix extends Leg {
        @Override
        String uri() throws Exception {
            return Libvirtd.shared().uri("test", "default");
        }

        @Override
        byte[] expectedImage() throws Exception {
            return libvirtsImage();
        }
    }

    @Nested
    class ThroughLibvirtdTcp extends Leg {
        @Override
        String uri() throws Exception {
            return Libvirtd.shared().tcpUri("test", "default");
        }

        @Override
        byte[] expectedImage() throws Exception {
            return libvirtsImage();
        }
    }

    /** What libvirt's test driver streams: the image libvirt installs (read here by the test only). */
    static byte[] libvirtsImage() throws Exception {
        Path png = Path.of("/usr/share/libvirt/test-screenshot.png");
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException(png + " is missing: install Debian's libvirt-daemon (test.sh does)");
        }
        return Files.readAllBytes(png);
    }
}
