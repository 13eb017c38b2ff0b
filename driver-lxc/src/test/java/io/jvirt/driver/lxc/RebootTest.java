package io.jvirt.driver.lxc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jvirt.api.Domain;
import io.jvirt.api.Stream;

/**
 * A reboot from inside: {@code reboot(2)} in a pid namespace ends its init with SIGHUP, the
 * controller reports it ({@code exit reboot}) and the driver starts the container again
 * ({@code <on_reboot>restart}): stopped/shutdown, then started/booted, with a new controller (id).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RebootTest {

    @Test
    void rebootFromInsideRestartsTheContainer() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            Domain d = f.conn.domainDefineXML(f.xml("rb"));
            d.create();
            int id = d.getID();
            LxcFixture.Events ev = new LxcFixture.Events(f.conn);
            Stream st = f.conn.newStream();
            d.openConsole(null, st);
            new ConsoleIo(st).type("busybox reboot -f");
            ev.expect("rb:stopped/shutdown", "rb:started/booted");
            assertEquals("running (booted)", d.getState().toString());
            assertNotEquals(id, f.conn.domainLookupByName("rb").getID());
            st.abort();
        }
    }
}
