package io.jvirt.driver.qemu;

import java.nio.file.Path;

import io.jvirt.api.Connect;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * A platform in another JVM for {@link PlatformRestartTest}: starts a guest under {@code root},
 * prints {@code started}, then waits to be killed.
 */
public final class GuestStarter {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        QemuDriver driver = new QemuDriver(root.resolve("system"), root.resolve("session"), QemuFixture.EMULATOR);
        Connect c = new InProcessVirt(null).add(driver, "qemu", "qemu").open("qemu:///embed?root=" + root);
        c.domainDefineXML(QemuFixture.diskless(args[1])).create();
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
