package io.jvirt.driver.lxc;

import static io.jvirt.driver.lxc.LxcFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jvirt.api.Domain;
import io.jvirt.api.Stream;

/**
 * The container's console: its init (busybox sh) runs on {@code /dev/console}, a pty of the
 * container's own devpts instance that the controller relays to a host pty (the live XML's
 * {@code <source path>}, what {@code virsh console} of libvirt's LXC driver opens) and to a
 * console stream ({@code virDomainOpenConsole}). Both ways, on both.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleTest {

    @Test
    void hostPtyAndStreamReachInit() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            Domain d = f.conn.domainDefineXML(f.xml("k1"));
            d.create();
            Matcher m = Pattern.compile("<source path='(/dev/pts/\\d+)'/>").matcher(d.getXMLDesc());
            assertTrue(m.find(), d.getXMLDesc());
            String pty = m.group(1);

            try (FileOutputStream out = new FileOutputStream(pty); FileInputStream in = new FileInputStream(pty)) {
                out.write("echo from''pty $$ $(busybox hostname)\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                StringBuilder seen = new StringBuilder();
                byte[] buf = new byte[4096];
                while (seen.indexOf("frompty 1 k1") < 0) {
                    int n = in.read(buf);
                    assertTrue(n > 0, "the host pty ended:\n" + seen);
                    seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            }

            Stream st = f.conn.newStream();
            d.openConsole(null, st);
            ConsoleIo io = new ConsoleIo(st);
            io.type("echo from''stream; busybox tty");
            String out = io.await("/dev/console");
            assertContains(out, "fromstream");
            d.destroy();
            byte[] buf = new byte[4096];
            while (st.recv(buf, 0, buf.length) > 0) {
                // read to the end: the console ends with the container
            }
            st.finish();
            assertEquals("shutoff (destroyed)", d.getState().toString());
        }
    }
}
