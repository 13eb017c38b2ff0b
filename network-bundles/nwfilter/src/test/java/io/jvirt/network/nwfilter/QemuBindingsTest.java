package io.jvirt.network.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.testsupport.NetNs;
import io.jvirt.testsupport.TestGuest;

/**
 * The QEMU driver binds the filters of its guests' interfaces through the scope's nwfilter connection
 * ({@code SecondaryConnections}), as libvirt's qemu driver does through virNWFilterBindingCreateXML: a
 * TCG guest started with a {@code <filterref>} on one of its two interfaces gets one binding, on its
 * tap, with its name, UUID, MAC and parameters, and that tap's ebtables/iptables rules are exactly
 * those of the same binding made by hand on an interface of the same name; a live attach binds the new
 * tap; a live detach, which completes when the guest OS (the project's test guest, booted) lets the
 * device go, deletes that tap's binding and rules and keeps the other's; destroy deletes every
 * binding and leaves no rule; a new start binds again. The platform runs in a namespace this test
 * makes ({@link GuestPlatform} under {@code ip netns exec}).
 */
class QemuBindingsTest {
    static final Path EMULATOR = Path.of("/usr/bin/qemu-system-x86_64");

    @Test
    void startAttachDetachAndDestroyBindAndUnbindTheGuestsFilters() throws Exception {
        if (!Files.isExecutable(EMULATOR)) {
            fail(EMULATOR + " is missing: install Debian's qemu-system-x86 (scripts/ensure-deps.sh does)");
        }
        if (!Files.isRegularFile(NWFilterDriverComponent.STOCK_DIR.resolve("clean-traffic.xml"))) {
            fail("libvirt's stock filters are missing: install Debian's libvirt-daemon-config-nwfilter");
        }
        TestGuest guest = TestGuest.build(); // a booted guest, so that its ACPI driver releases a detached device
        Path root = Files.createTempDirectory(Path.of("/tmp"), "jvqb");
        Path serial = root.resolve("serial.log");
        try (NetNs ns = NetNs.create("nwqm"); NetNs ref = NetNs.create("nwqr"); Jvirt byHand = new Jvirt(ref)) {
            Process jvm = new ProcessBuilder("ip", "netns", "exec", ns.name,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), GuestPlatform.class.getName(), root.toString(),
                    EMULATOR.toString(), serial.toString(), guest.os()).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(jvm.getOutputStream(), StandardCharsets.UTF_8);

                String started = step(out, "start");
                assertTrue(started.contains("bindings vnet0\n"), "one binding, on the filtered interface's tap:\n" + started);
                assertTrue(started.contains("<owner><name>filtered</name><uuid>6f0c3b52-7a1d-4e8e-b9a4-2d5c6e7f8a90</uuid>"
                        + "</owner>") && started.contains("<portdev name='vnet0'/>")
                        && started.contains("<mac address='52:54:00:12:34:56'/>")
                        && started.contains("<filterref filter='clean-traffic'>")
                        && started.contains("<parameter name='IP' value='10.0.0.5'/>"), started);
                assertTrue(!ns.exec("ip", "-o", "link", "show", "vnet1").isBlank(), "the unfiltered tap exists");

                // the same binding by hand on a vnet0 of another namespace: the same tables
                Tables.tap(ref, "vnet0");
                Connect c = byHand.open();
                c.nwfilterBindingCreateXML(started.substring(started.indexOf("xml ") + 4, started.indexOf("\nok ")));
                assertEquals(Tables.dump(ref), Tables.dump(ns), "the guest's tap is filtered as the binding says");
                assertTrue(Tables.dump(ns).contains("I-vnet0-mac"), Tables.dump(ns));

                String attached = send(in, out, "attach");
                assertTrue(attached.contains("bindings vnet0 vnet2\n") && attached.contains("<portdev name='vnet2'/>")
                        && attached.contains("value='10.0.0.6'"), "the live-attached interface is bound:\n" + attached);
                assertTrue(Tables.dump(ns).contains("-p ARP --arp-ip-src 10.0.0.6 -j RETURN"), Tables.dump(ns));

                // the guest must be up for its ACPI hotplug driver to eject the device
                TestGuest.awaitText(serial, "JVIRT-GUEST-UP", 1, Duration.ofSeconds(180));
                String before = Tables.dump(ns);
                String detached = send(in, out, "detach");
                assertTrue(detached.contains("released\n"), "the guest released the detached interface:\n" + detached);
                assertTrue(detached.contains("bindings vnet0\n"), "the detached interface's binding is gone, the "
                        + "other stays:\n" + detached);
                String after = Tables.dump(ns);
                assertTrue(before.contains("vnet2") && !after.contains("vnet2"), "no rule of the detached tap is left:\n"
                        + after);
                assertTrue(ns.exec("ip", "-o", "link", "show").lines().noneMatch(l -> l.contains(" vnet2:")),
                        "the detached tap is gone");
                assertEquals(Tables.dump(ref), after, "the remaining tap is filtered as before");

                String destroyed = send(in, out, "destroy");
                assertTrue(destroyed.contains("bindings\n"), "no binding outlives the guest:\n" + destroyed);
                c.nwfilterBindingLookupByPortDev("vnet0").delete();
                assertEquals(Tables.dump(ref), Tables.dump(ns), "no rule of the guest's outlives it");

                String again = send(in, out, "start");
                assertTrue(again.contains("bindings vnet0\n"), "a new start binds again:\n" + again);
                send(in, out, "destroy");
                in.write("quit\n");
                in.flush();
                assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the platform did not quit");
            } finally {
                jvm.destroyForcibly();
                jvm.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            delete(root);
        }
    }

    static String send(Writer in, BufferedReader out, String what) throws Exception {
        in.write(what + "\n");
        in.flush();
        return step(out, what);
    }

    /** What the platform printed up to {@code ok STEP}; its stack trace if it failed. */
    static String step(BufferedReader out, String what) throws Exception {
        StringBuilder seen = new StringBuilder();
        for (String l; (l = out.readLine()) != null;) {
            seen.append(l).append('\n');
            if (l.equals("ok " + what)) {
                return seen.toString();
            }
        }
        fail("the platform ended before '" + what + "' was done:\n" + seen);
        return null;
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
