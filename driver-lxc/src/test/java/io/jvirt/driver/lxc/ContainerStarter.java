package io.jvirt.driver.lxc;

import java.nio.file.Path;

import io.jvirt.api.Connect;
import io.jvirt.driver.lxc.cgroup.Cgroups;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * A platform in another JVM for {@link ReattachTest}: starts the container {@code NAME} defined
 * under {@code root}, prints {@code started ID}, then waits to be killed.
 */
public final class ContainerStarter {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        LxcDriver driver = new LxcDriver(root.resolve("system"), Cgroups.host());
        Connect c = new InProcessVirt(null).add(driver, "lxc", "lxc").open("lxc:///embed?root=" + root);
        var d = c.domainLookupByName(args[1]);
        d.create();
        System.out.println("started " + d.getID());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
