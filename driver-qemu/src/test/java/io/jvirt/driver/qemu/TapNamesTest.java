package io.jvirt.driver.qemu;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.driver.qemu.util.AtomicFiles;

/**
 * vnetN names when guests start at the same moment: the whole driver runs in a network namespace
 * this test creates ({@link TapStarter} under {@code ip netns exec}), starts guests with managed
 * bridge and ethernet interfaces concurrently while another guest attaches an interface, and every
 * tap must get its own name, exist on its bridge, and be gone (its name free again) after destroy.
 */
class TapNamesTest {
    private static final int GUESTS = 4;

    @Test
    void concurrentStartsAndAttachGetDistinctTapNames() throws Exception {
        System.out.println("TapNamesTest runs guests with " + (QemuFixture.KVM ? "KVM" : "TCG"));
        String ns = "jvirt-taps-" + Long.toHexString(System.nanoTime());
        Path root = Files.createTempDirectory(Path.of("/tmp"), "jt");
        run("ip", "netns", "add", ns);
        Process jvm = null;
        try {
            run("ip", "-n", ns, "link", "add", "jbr0", "type", "bridge");
            run("ip", "-n", ns, "link", "set", "jbr0", "up");
            jvm = new ProcessBuilder("ip", "netns", "exec", ns,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), TapStarter.class.getName(), root.toString(),
                    Integer.toString(GUESTS), "jbr0").redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            List<String> bridged = new ArrayList<>();
            List<String> all = new ArrayList<>();
            String line = until(out, "started", seen);
            for (String l : seen.toString().split("\n")) {
                if (l.startsWith("taps ")) {
                    String[] f = l.split(" ");
                    bridged.add(f[2]); // the first interface of each guest is the bridged one
                    all.addAll(List.of(f).subList(2, f.length));
                }
            }
            assertEquals("started", line, seen.toString());
            assertEquals(2 * (GUESTS + 1) + 1, all.size(), "taps of every guest and the attached one:\n" + seen);
            assertEquals(all.size(), new HashSet<>(all).size(), "two interfaces got the same tap name:\n" + seen);
            String links = output("ip", "-n", ns, "-o", "link", "show");
            for (String t : all) {
                String link = output("ip", "-n", ns, "-o", "link", "show", "dev", t);
                assertTrue(link.contains(",UP"), "tap " + t + " is not up: " + link);
                assertEquals(bridged.contains(t), link.contains("master jbr0"), link);
            }

            try (Writer w = new OutputStreamWriter(jvm.getOutputStream(), StandardCharsets.UTF_8)) {
                w.write("destroy\n");
                w.flush();
                seen.setLength(0);
                assertEquals("destroyed", until(out, "destroyed", seen), seen.toString());
                Set<String> left = names(output("ip", "-n", ns, "-o", "link", "show"));
                for (String t : all) {
                    assertTrue(!left.contains(t), "tap " + t + " outlived its guest: " + left + "\nbefore: " + links);
                }
                seen.setLength(0);
                String again = until(out, "again", seen);
                assertEquals("again vnet0 vnet1", again, "names are free again after destroy:\n" + seen);
                assertEquals("done", until(out, "done", seen), seen.toString());
            }
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS) && jvm.exitValue() == 0, "the platform did not end cleanly");
        } finally {
            if (jvm != null && jvm.isAlive()) {
                jvm.destroyForcibly();
                jvm.waitFor(10, TimeUnit.SECONDS);
            }
            run("ip", "netns", "del", ns);
            AtomicFiles.deleteTree(root);
        }
    }

    /** Reads lines until one starts with {@code prefix} (returned) or the output ends (null); the rest goes to {@code seen}. */
    private static String until(BufferedReader out, String prefix, StringBuilder seen) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        fail("the platform in the namespace ended before '" + prefix + "':\n" + seen);
        return null;
    }

    private static Set<String> names(String links) {
        Set<String> s = new HashSet<>();
        for (String l : links.split("\n")) {
            String[] f = l.split(": ");
            if (f.length > 1) {
                s.add(f[1].split("@")[0]);
            }
        }
        return s;
    }

    private static String output(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed (iproute2 installed?): " + out);
        }
        return out;
    }

    private static void run(String... cmd) throws Exception {
        output(cmd);
    }
}
