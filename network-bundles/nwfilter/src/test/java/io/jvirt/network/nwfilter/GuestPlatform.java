package io.jvirt.network.nwfilter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainModificationFlag;
import io.jvirt.api.NWFilterBinding;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.driver.qemu.QemuDriver;
import io.jvirt.network.nwfilter.host.HostNet;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * A platform with the QEMU and nwfilter drivers for {@link QemuBindingsTest}, run in the test's
 * namespace by {@code ip netns exec} (QEMU makes its taps in the platform's namespace): defines and
 * starts a TCG guest (the test guest, booted from the kernel and initrd of the {@code <os>} it is
 * given, console on a serial file) whose interface has a {@code <filterref>}, then does what stdin
 * says ({@code attach}, {@code detach}, {@code destroy}, {@code start}, {@code quit}) and prints the
 * bindings the nwfilter driver holds after each step, one line {@code bindings DEV...} followed by
 * {@code ok STEP}. {@code detach} returns once the guest released the interface (its ACPI hotplug
 * driver ejects it, QEMU reports DEVICE_DELETED) or after 90 s.
 */
public final class GuestPlatform {
    static final String FILTERED = "<interface type='ethernet'><mac address='%s'/><model type='virtio'/>"
            + "<filterref filter='clean-traffic'><parameter name='IP' value='%s'/></filterref></interface>";

    public static void main(String[] args) {
        try {
            run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), args[3]);
        } catch (Throwable t) {
            t.printStackTrace(System.out); // the test shows it; exit so it is not left waiting
            System.out.flush();
            System.exit(1);
        }
    }

    static final String ATTACHED_MAC = "52:54:00:12:34:57";

    private static void run(Path root, Path emulator, Path serial, String os) throws Exception {
        QemuDriver qemu = new QemuDriver(root.resolve("system"), root.resolve("session"), emulator);
        NWFilterDriverComponent nwfilter = new NWFilterDriverComponent(root.resolve("nwfilter-system"),
                NWFilterDriverComponent.STOCK_DIR, new SchemaValidator(SchemaValidator.DEFAULT_DIR),
                scope -> HostNet.system());
        InProcessVirt virt = new InProcessVirt(null).add(qemu, "qemu", "qemu")
                .add(nwfilter, "nwfilter", "nwfilter", "nwfilter");
        Connect c = virt.open("qemu:///embed?root=" + root);
        Domain d = c.domainDefineXML("<domain type='qemu'><name>filtered</name>"
                + "<uuid>6f0c3b52-7a1d-4e8e-b9a4-2d5c6e7f8a90</uuid><memory unit='MiB'>128</memory><vcpu>1</vcpu>"
                + os + "<features><acpi/></features><devices>"
                + "<serial type='file'><source path='" + serial + "'/></serial>"
                + String.format(FILTERED, "52:54:00:12:34:56", "10.0.0.5")
                + "<interface type='ethernet'><model type='virtio'/></interface>" // no filter: no binding
                + "<memballoon model='none'/></devices></domain>");
        d.create();
        report(c, "start");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null;) {
            switch (line) {
                case "attach" -> d.attachDevice(String.format(FILTERED, ATTACHED_MAC, "10.0.0.6"),
                        DomainModificationFlag.LIVE);
                case "detach" -> {
                    d.detachDevice(String.format(FILTERED, ATTACHED_MAC, "10.0.0.6"), DomainModificationFlag.LIVE);
                    long end = System.nanoTime() + 90_000_000_000L;
                    while (d.getXMLDesc().contains(ATTACHED_MAC) && System.nanoTime() < end) {
                        Thread.sleep(100);
                    }
                    System.out.println(d.getXMLDesc().contains(ATTACHED_MAC) ? "still attached" : "released");
                }
                case "destroy" -> d.destroy();
                case "start" -> d.create();
                case "quit" -> {
                    c.close();
                    qemu.deactivate();
                    nwfilter.deactivate();
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException(line);
            }
            report(c, line);
        }
        System.exit(2);
    }

    /** The bindings as the nwfilter driver has them, seen through the embed scope's nwfilter connection. */
    private static void report(Connect c, String step) {
        StringBuilder sb = new StringBuilder("bindings");
        for (NWFilterBinding b : c.listAllNWFilterBindings()) {
            sb.append(' ').append(b.getPortDev());
        }
        System.out.println(sb);
        for (NWFilterBinding b : c.listAllNWFilterBindings()) {
            System.out.println("xml " + b.getXMLDesc().replaceAll(">\\s+<", "><").strip());
        }
        System.out.println("ok " + step);
        System.out.flush();
    }
}
