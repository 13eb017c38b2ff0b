package io.jvirt.driver.qemu;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainModificationFlag;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * A platform in a network namespace for {@link TapNamesTest} (run by {@code ip netns exec}): starts
 * {@code count} guests with a bridge and an ethernet interface each at the same moment, while a live
 * interface attach runs on a guest started before; prints every guest's taps, then on "destroy" from
 * stdin destroys them and starts one again.
 */
public final class TapStarter {
    private static final Pattern DEV = Pattern.compile("<target dev='([^']+)'/>");

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace(System.out); // the test shows it; exit so it is not left waiting
            System.out.flush();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String bridge = args[2];
        QemuDriver driver = new QemuDriver(root.resolve("system"), root.resolve("session"), QemuFixture.EMULATOR);
        Connect c = new InProcessVirt(null).add(driver, "qemu", "qemu").open("qemu:///embed?root=" + root);
        List<Domain> domains = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            domains.add(c.domainDefineXML("<domain type='" + QemuFixture.type() + "'><name>tap" + i + "</name>"
                    + "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>"
                    + "<features><acpi/></features>"
                    + "<devices><interface type='bridge'><source bridge='" + bridge + "'/><model type='virtio'/></interface>"
                    + "<interface type='ethernet'><model type='virtio'/></interface><memballoon model='none'/></devices>"
                    + "</domain>"));
        }
        Domain attachTo = domains.get(0);
        attachTo.create();
        ExecutorService pool = Executors.newFixedThreadPool(count + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> all = new ArrayList<>();
        for (Domain d : domains.subList(1, domains.size())) {
            all.add(pool.submit(() -> {
                go.await();
                d.create();
                return null;
            }));
        }
        all.add(pool.submit(() -> {
            go.await();
            attachTo.attachDevice("<interface type='ethernet'><model type='virtio'/></interface>", DomainModificationFlag.LIVE);
            return null;
        }));
        go.countDown();
        for (Future<?> f : all) {
            f.get(); // a failed start (two QEMUs asking for one tap name) fails the test here
        }
        pool.shutdown();
        for (Domain d : domains) {
            System.out.println("taps " + d.getName() + " " + String.join(" ", devs(d)));
        }
        System.out.println("started");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        if (!"destroy".equals(in.readLine())) {
            System.exit(2);
        }
        for (Domain d : domains) {
            d.destroy();
        }
        System.out.println("destroyed");
        domains.get(1).create();
        System.out.println("again " + String.join(" ", devs(domains.get(1))));
        domains.get(1).destroy();
        System.out.println("done");
        System.out.flush();
        c.close();
        driver.deactivate();
        System.exit(0);
    }

    private static List<String> devs(Domain d) {
        List<String> l = new ArrayList<>();
        Matcher m = DEV.matcher(d.getXMLDesc());
        while (m.find()) {
            l.add(m.group(1));
        }
        return l;
    }
}
