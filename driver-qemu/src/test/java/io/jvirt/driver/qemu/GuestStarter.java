package io.jvirt.driver.qemu;

import java.nio.file.Path;

import io.jvirt.api.Connect;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * A platform in another JVM for {@link PlatformRestartTest}: starts a guest under {@code root},
 * prints {@code started}, then waits to be killed; with {@code plug-vcpu} its guest gets a second vCPU live first.
 */
public final class GuestStarter {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        QemuDriver driver = new QemuDriver(root.resolve("system"), root.resolve("session"), QemuFixture.EMULATOR);
        Connect c = new InProcessVirt(null).add(driver, "qemu", "qemu").open("qemu:///embed?root=" + root);
        if (args.length > 2 && args[2].equals("plug-vcpu")) {
            // a guest with a live vCPU change the restarted platform must find again
            var d = c.domainDefineXML(QemuFixture.diskless(args[1]).replace("<vcpu>1</vcpu>", "<vcpu current='1'>2</vcpu>"));
            d.create();
            d.setVcpus(2, io.jvirt.api.DomainModificationFlag.LIVE);
        } else {
            c.domainDefineXML(QemuFixture.diskless(args[1])).create();
        }
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
