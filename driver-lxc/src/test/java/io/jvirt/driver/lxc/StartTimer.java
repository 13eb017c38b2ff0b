package io.jvirt.driver.lxc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.driver.lxc.cgroup.Cgroups;
import io.jvirt.driver.lxc.domain.LxcInstance;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * In-process start/destroy timing for {@code bench/lxc.sh} (no RPC): {@code StartTimer ROOT ROOTFS RUNS}
 * prints "run N: create X ms, destroy Y ms" and the driver's own phase line for each start.
 */
public final class StartTimer {
    public static void main(String[] args) throws Exception {
        Path root = Files.createDirectories(Path.of(args[0]));
        Logger log = Logger.getLogger(LxcInstance.class.getName());
        ConsoleHandler h = new ConsoleHandler();
        h.setLevel(Level.FINE);
        log.addHandler(h);
        log.setLevel(args.length > 3 ? Level.FINE : Level.INFO);
        LxcDriver driver = new LxcDriver(root.resolve("system"), Cgroups.host());
        Connect c = new InProcessVirt(null).add(driver, "lxc", "lxc").open("lxc:///embed?root=" + root);
        Domain d = c.domainDefineXML("<domain type='lxc'><name>timer</name><memory unit='MiB'>64</memory>"
                + "<os><type>exe</type><init>/bin/busybox</init><initarg>sh</initarg></os><devices>"
                + "<filesystem type='mount'><source dir='" + args[1] + "'/><target dir='/'/></filesystem>"
                + "<filesystem type='mount'><source dir='/bin/busybox'/><target dir='/bin/busybox'/><readonly/></filesystem>"
                + "<console type='pty'/></devices></domain>");
        int runs = Integer.parseInt(args[2]);
        for (int i = 0; i <= runs; i++) {
            long t0 = System.nanoTime();
            d.create();
            long t1 = System.nanoTime();
            d.destroy();
            long t2 = System.nanoTime();
            if (i > 0) {
                System.out.printf("run %d: create %.2f ms, destroy %.2f ms%n", i, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            }
        }
        d.undefine();
        c.close();
        driver.deactivate();
        System.exit(0);
    }
}
