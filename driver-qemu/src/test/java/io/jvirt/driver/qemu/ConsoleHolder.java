package io.jvirt.driver.qemu;

import java.nio.file.Path;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.Stream;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * A platform in another JVM for {@link ConsoleTest}, run as the leader of its own session (as
 * jvirtd under systemd): opens the pty console of a guest, destroys the guest, reads the console to
 * its end, then says {@code survived} and exits 0. A JVM that took the pty as its controlling
 * terminal would get SIGHUP when QEMU closes it and shut down before that.
 */
public final class ConsoleHolder {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        QemuDriver driver = new QemuDriver(root.resolve("system"), root.resolve("session"), QemuFixture.EMULATOR);
        Connect c = new InProcessVirt(null).add(driver, "qemu", "qemu").open("qemu:///embed?root=" + root);
        Domain d = c.domainCreateXML(QemuFixture.diskless("holder"));
        Stream st = c.newStream();
        d.openConsole(null, st);
        System.out.println("console open");
        System.out.flush();
        d.destroy();
        byte[] buf = new byte[4096];
        while (st.recv(buf, 0, buf.length) > 0) {
            // SeaBIOS may have written something: read to the end
        }
        st.finish();
        Thread.sleep(1000); // a SIGHUP would have ended the JVM by now
        System.out.println("survived");
        System.out.flush();
        driver.deactivate();
        System.exit(0);
    }
}
