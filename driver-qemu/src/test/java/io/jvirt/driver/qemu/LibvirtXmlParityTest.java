package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.Virsh;

/**
 * What jvirt's QEMU driver stores and shows for a domain equals what libvirt 9.0's QEMU driver shows:
 * every domain of {@code src/test/resources/libvirt-xml/} is defined in a real libvirtd (started for
 * this test with the anchor kit) and in jvirt, and {@code dumpxml --inactive} must match; a few are
 * also started in both and {@code dumpxml} of the running guests must match. Both outputs are kept
 * in {@code target/libvirt-xml/} to diff by hand.
 */
class LibvirtXmlParityTest {
    static final List<String> CORPUS = List.of("pc-minimal", "q35-minimal", "pc-disks", "pc-scsi", "q35-disks",
            "q35-scsi-controller", "pc-net", "q35-net", "pc-chardev", "q35-chardev", "pc-graphics", "q35-graphics",
            "pc-misc", "q35-misc", "pc-addresses", "q35-addresses", "q35-legacy", "pc-sata");
    /** Started in both daemons: together they cover disks, taps, ptys, channels, VNC, bridges and explicit addresses. */
    static final List<String> RUNNING = List.of("pc-disks", "q35-disks", "pc-chardev", "q35-graphics", "pc-addresses",
            "pc-net", "q35-misc", "q35-legacy", "pc-sata");

    static Libvirtd libvirtd;
    static Path images;
    static Path out = Path.of("target/libvirt-xml");

    @BeforeAll
    static void startLibvirtd() throws Exception {
        try {
            libvirtd = Libvirtd.start();
        } catch (IllegalStateException e) {
            fail("a real libvirtd is needed to compare with: " + e.getMessage());
        }
        images = Files.createTempDirectory(Path.of("/tmp"), "jqimg");
        Files.createDirectories(out);
    }

    @AfterAll
    static void stopLibvirtd() {
        if (libvirtd != null) {
            libvirtd.close();
        }
        if (images != null) {
            io.jvirt.driver.qemu.util.AtomicFiles.deleteTree(images);
        }
    }

    /** A corpus domain for this host: domain type, image directory and a fixed UUID (so none is masked). */
    static String domainXml(String name) throws IOException {
        return corpusXml(name, images);
    }

    /** A corpus domain whose disk images ({@code a.qcow2}, {@code b.qcow2}) are in {@code dir} (made if missing). */
    static String corpusXml(String name, Path dir) throws IOException {
        for (String img : List.of("a.qcow2", "b.qcow2")) {
            if (!Files.exists(dir.resolve(img))) {
                try {
                    Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", dir.resolve(img).toString(),
                            "16M").inheritIO().start();
                    assertEquals(0, p.waitFor(), "qemu-img create (Debian's qemu-utils)");
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        }
        try (InputStream in = LibvirtXmlParityTest.class.getResourceAsStream("/libvirt-xml/" + name + ".xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String uuid = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
            return xml.replace("@TYPE@", QemuFixture.type()).replace("@DIR@", dir.toString())
                    .replace("</name>", "</name><uuid>" + uuid + "</uuid>");
        }
    }

    static String virsh(String... args) throws Exception {
        Virsh.Result r = Virsh.run(libvirtd.uri("qemu", "system"), args);
        if (r.exit() != 0) {
            fail("virsh " + String.join(" ", args) + " failed against libvirtd: " + r.err() + "\n" + libvirtd.logTail());
        }
        return r.out();
    }

    @Test
    void inactiveXmlAfterDefineMatchesLibvirt() throws Exception {
        List<String> differ = new ArrayList<>();
        StringBuilder diffs = new StringBuilder();
        try (QemuFixture q = new QemuFixture()) {
            for (String name : CORPUS) {
                String xml = domainXml(name);
                Path file = out.resolve(name + ".in.xml");
                Files.writeString(file, xml);
                virsh("define", file.toAbsolutePath().toString());
                String expected = virsh("dumpxml", "--inactive", name);
                String actual = q.conn.domainDefineXML(xml).getXMLDesc(DomainXMLFlag.INACTIVE);
                compare(name + ".inactive", expected, actual, differ, diffs);
            }
        }
        if (!differ.isEmpty()) {
            fail("inactive XML differs from libvirtd's for " + differ + ":" + diffs);
        }
    }

    @Test
    void runningXmlMatchesLibvirt() throws Exception {
        List<String> differ = new ArrayList<>();
        StringBuilder diffs = new StringBuilder();
        try (QemuFixture q = new QemuFixture()) {
            for (String name : RUNNING) {
                String xml = domainXml(name);
                Path file = out.resolve(name + ".in.xml");
                Files.writeString(file, xml);
                virsh("define", file.toAbsolutePath().toString());
                virsh("start", name);
                String expected;
                try {
                    expected = virsh("dumpxml", name);
                } finally {
                    virsh("destroy", name);
                }
                Domain d = q.conn.domainDefineXML(xml);
                d.create();
                String actual;
                try {
                    actual = d.getXMLDesc();
                } finally {
                    d.destroy();
                }
                compare(name + ".live", withoutKnownGaps(maskRuntime(expected)), withoutKnownGaps(maskRuntime(actual)),
                        differ, diffs);
            }
        }
        if (!differ.isEmpty()) {
            fail("running XML differs from libvirtd's for " + differ + ":" + diffs);
        }
    }

    /**
     * What two daemons on one host must give differently to two running guests; everything else
     * (aliases, addresses, pty and VNC presence, tap presence) stays compared.
     */
    static String maskRuntime(String xml) {
        return xml
                // each daemon numbers its own running domains
                .replaceFirst("<domain type='(\\w+)' id='\\d+'>", "<domain type='$1' id='ID'>")
                // QEMU allocates the pty: each guest gets its own /dev/pts/N
                .replaceAll("/dev/pts/\\d+", "/dev/pts/N")
                // two guests at once cannot share a VNC display
                .replaceAll("port='59\\d\\d'", "port='59NN'")
                // two guests at once cannot share a host tap name
                .replaceAll("dev='vnet\\d+'", "dev='vnetN'")
                // a channel socket the daemon names itself lives in that daemon's own state directory
                .replaceAll("(<channel type='unix'>\\s*<source mode='bind' path=')[^']*'", "$1CHANNEL'");
    }

    /**
     * What jvirt's running XML does not have yet, taken out of both sides so everything else stays
     * compared; each is a known difference (listed in the README), not something that must differ.
     */
    static String withoutKnownGaps(String xml) {
        return xml
                // not yet: jvirt puts guests in no cgroup, so it shows no <resource><partition>
                .replaceAll("  <resource>\\s*<partition>/machine</partition>\\s*</resource>\\n", "")
                // not yet: libvirt reads back the CPU features QEMU enabled or filtered (check='full' and
                // <feature> lines); jvirt shows the CPU as defined
                .replaceAll("(<cpu mode='custom' match='exact' check=)'full'", "$1'none'")
                .replaceAll("    <feature policy='(disable|require)' name='[\\w.-]+'/>\\n", "")
                // not yet: jvirt has no DAC security driver (it neither labels files nor says so)
                .replaceAll("  <seclabel type='dynamic' model='dac' relabel='yes'>\\s*<label>[^<]*</label>\\s*"
                        + "<imagelabel>[^<]*</imagelabel>\\s*</seclabel>\\n", "");
    }

    static void compare(String what, String expected, String actual, List<String> differ, StringBuilder diffs)
            throws IOException {
        Files.writeString(out.resolve(what + ".libvirtd.xml"), expected);
        Files.writeString(out.resolve(what + ".jvirt.xml"), actual);
        if (!expected.strip().equals(actual.strip())) {
            differ.add(what);
            diffs.append("\n--- ").append(what).append(" (libvirtd -, jvirt +)\n").append(diff(expected, actual));
        }
    }

    /** The lines only one side has, in order (enough to see what differs in a short document). */
    static String diff(String a, String b) {
        List<String> la = a.strip().lines().toList();
        List<String> lb = b.strip().lines().toList();
        int[][] lcs = new int[la.size() + 1][lb.size() + 1];
        for (int i = la.size() - 1; i >= 0; i--) {
            for (int j = lb.size() - 1; j >= 0; j--) {
                lcs[i][j] = la.get(i).equals(lb.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < la.size() || j < lb.size()) {
            if (i < la.size() && j < lb.size() && la.get(i).equals(lb.get(j))) {
                i++;
                j++;
            } else if (j < lb.size() && (i == la.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                sb.append("+ ").append(lb.get(j++)).append('\n');
            } else {
                sb.append("- ").append(la.get(i++)).append('\n');
            }
        }
        return sb.toString();
    }
}
