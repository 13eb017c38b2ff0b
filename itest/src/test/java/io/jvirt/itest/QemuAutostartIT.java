package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.api.runtime.FailedDriverDTO;
import io.jvirt.api.Virt;

/**
 * The QEMU driver bundle in Felix with a real (diskless) QEMU guest: an autostart domain that its
 * user shut down stays shut off across {@code Bundle.update()} of the driver (its state is
 * initialized again by the registry, off the activation thread; opens wait for it), and starts
 * when the bundle starts after a simulated host boot (the {@code autostarted} marker removed).
 * A running autostart guest is reattached by the next update, not started again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class QemuAutostartIT {
    static final String QEMU_PID = "io.jvirt.driver.qemu";
    static final String QEMU_BSN = "io.jvirt.driver.qemu";
    static final Path EMULATOR = Path.of("/usr/bin/qemu-system-x86_64");

    @Inject
    BundleContext context;

    private Path root;
    private Bundle qemu;

    @Configuration
    public Option[] config() {
        return options(Platform.platform(), bundle(Platform.url("conf.jar")),
                bundle(Platform.url("jackson-annotations.jar")), bundle(Platform.url("jackson-core.jar")),
                bundle(Platform.url("jackson-databind.jar")));
    }

    private static String type() {
        return Files.isWritable(Path.of("/dev/kvm")) ? "kvm" : "qemu";
    }

    @Test
    public void autostartRunsOncePerHostBootNotOnABundleUpdate() throws Exception {
        if (!Files.isExecutable(EMULATOR)) {
            fail(EMULATOR + " is missing: install Debian's qemu-system-x86 (scripts/ensure-deps.sh does)");
        }
        System.out.println("QemuAutostartIT runs its guest with " + (type().equals("kvm") ? "KVM" : "TCG"));
        // a short root: QMP sockets live under it (107 bytes)
        root = Files.createTempDirectory(Path.of("/tmp"), "jqa");
        ConfigurationAdmin ca = Osgi.service(context, ConfigurationAdmin.class);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("system.root", root.resolve("system").toString());
        props.put("session.root", root.resolve("session").toString());
        ca.getConfiguration(QEMU_PID, "?").update(props);
        qemu = context.installBundle(Platform.url("driver-qemu.jar"));
        qemu.start();
        Virt virt = Osgi.service(context, Virt.class);
        Path marker = root.resolve("system/run/autostarted");

        Connect c = openQemu(virt);
        Domain d = c.domainDefineXML("<domain type='" + type() + "'><name>auto</name><memory unit='MiB'>64</memory>"
                + "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>");
        d.setAutostart(true);
        d.create();
        d.destroy(); // its user shut it down
        assertEquals("shutoff (destroyed)", d.getState().toString());
        assertTrue("the first initialization in this boot left no marker", Files.isRegularFile(marker));

        qemu.update(); // a new driver version: its state is initialized again
        Domain after = c.domainLookupByName("auto"); // the held connection rides over the update
        assertEquals("autostart ran again on a bundle update", "shutoff (unknown)", after.getState().toString());
        assertNoQemuFailure();

        qemu.stop();
        Files.delete(marker); // the host booted
        qemu.start();
        Connect fresh = openQemu(virt); // waits for the state, autostart included
        assertEquals("the autostart domain did not start after a host boot (marker gone)", "running (booted)",
                fresh.domainLookupByName("auto").getState().toString());
        long pid = pid("auto");

        qemu.update();
        assertEquals("running (booted)", c.domainLookupByName("auto").getState().toString());
        assertEquals("the update started the guest again instead of reattaching", pid, pid("auto"));
        c.domainLookupByName("auto").destroy();
        c.domainLookupByName("auto").undefine();
        c.close();
        fresh.close();
    }

    private Connect openQemu(Virt virt) {
        return virt.open("qemu:///system");
    }

    private void assertNoQemuFailure() {
        DriverRegistryRuntime runtime = Osgi.service(context, DriverRegistryRuntime.class);
        for (FailedDriverDTO f : runtime.getFailedDrivers()) {
            assertFalse("the QEMU driver failed: " + f.reason, QEMU_BSN.equals(f.bundleSymbolicName));
        }
    }

    private long pid(String name) throws IOException {
        String status = Files.readString(root.resolve("system/run/" + name + ".json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"pid\"\\s*:\\s*(\\d+)").matcher(status);
        assertTrue(status, m.find());
        return Long.parseLong(m.group(1));
    }

    /** Kills any QEMU the test left (by the pids in its status files) and removes the root. */
    @After
    public void cleanUp() throws Exception {
        if (root == null) {
            return;
        }
        Path run = root.resolve("system/run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> s = Files.list(run)) {
                for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".json"))::iterator) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"pid\"\\s*:\\s*(\\d+)")
                            .matcher(Files.readString(p));
                    if (m.find()) {
                        ProcessHandle.of(Long.parseLong(m.group(1))).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
        }
        if (qemu != null) {
            qemu.uninstall();
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
