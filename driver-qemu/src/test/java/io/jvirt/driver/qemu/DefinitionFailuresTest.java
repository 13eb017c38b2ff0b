package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.LibvirtPython;
import io.jvirt.testsupport.LibvirtPython.Answer;
import io.jvirt.testsupport.Libvirtd;

/**
 * Names and memory sizes the QEMU driver takes or refuses, each asked live of a real libvirtd 9.0
 * QEMU driver (the anchor kit's) through libvirt-python and of this driver, by define and by
 * createXML: the same code, domain and message (paths mapped: libvirt's {@code /etc/libvirt/qemu/}
 * is this root's {@code config/}, the directory libvirt clears for a new name
 * ({@code /var/lib/libvirt/qemu/snapshot/}) is {@code autostart/}, its status file
 * {@code /run/libvirt/qemu/NAME.xml} is {@code run/NAME.json}). Whatever fails leaves nothing: not
 * in the list, no file under the root (the log of a QEMU that was started stays, as libvirt's).
 */
class DefinitionFailuresTest {
    private static QemuFixture jq;
    private static String reference;

    @BeforeAll
    static void start() throws Exception {
        LibvirtPython.require();
        jq = new QemuFixture();
        reference = Libvirtd.shared().uri("qemu", "system");
    }

    @AfterAll
    static void stop() {
        if (jq != null) {
            jq.close();
        }
    }

    private static String domain(String name, String memory) {
        return "<domain type='" + QemuFixture.type() + "'><name>" + name + "</name>" + memory + "<vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>";
    }

    private static String domain(String name) {
        return domain(name, "<memory unit='MiB'>64</memory>");
    }

    /**
     * Define: libvirt refuses a newline (35/5 "invalid char in name: " and the newline, also for a
     * carriage return, which XML parsing makes one), '/' (27/20), an empty name (21/20), "." (38/0
     * "Cannot delete directory '.../snapshot/.': Invalid argument": its cleanup of the new name's
     * directories) and names whose {@code NAME.xml.new} is longer than 255 bytes (38/0 "Failed to
     * create file '/etc/libvirt/qemu/NAME.xml.new': File name too long"); blanks around a name and a
     * tab are kept. ".." is not asked here: libvirtd 9.0 then deletes the contents of
     * /var/lib/libvirt/qemu (its cleanup of "snapshot/..") and fails with 38/0 on whatever entry it
     * met first, e.g. "Cannot access '/var/lib/libvirt/qemu/snapshot/../dump': No such file or
     * directory" (observed with libvirt-python on a fresh anchor libvirtd); this driver refuses it
     * with the error of ".".
     */
    @Test
    void definedNamesAsLibvirtd() throws Exception {
        for (String name : List.of(".", "a\nb", "\n", "a\rb", "a/b", "", " a", "a ", " ", "a\tb", "x".repeat(10_000),
                "x".repeat(255), "x".repeat(248), "x".repeat(247))) {
            String xml = domain(name);
            compare("define " + shown(name), LibvirtPython.define(reference, xml), define(xml));
        }
        VirtException e = assertThrows(VirtException.class, () -> jq.conn.domainDefineXML(domain("..")));
        assertEquals(ErrorCode.SYSTEM_ERROR, e.code(), e.getMessage());
        assertEquals(ErrorDomain.NONE, e.domain(), e.getMessage());
        assertEquals("Cannot delete directory '" + jq.root.resolve("autostart/..") + "': Invalid argument", e.getMessage());
        assertNothingLeft();
        assertTrue(Files.isDirectory(jq.root.resolve("autostart")) && Files.isDirectory(jq.root.resolve("config")));
    }

    /**
     * createXML checks no name characters in libvirt 9.0: ".", "..", a newline and blanks start a
     * guest. A name too long for a file name fails before QEMU runs when QEMU's own files cannot be
     * made (libvirtd: 38/10 "Cannot remove stale PID file /run/libvirt/qemu/NAME.pid: File name too
     * long" from 252 characters; here the same code and domain naming the log file
     * {@code log/NAME.log}, the first file this driver makes for a guest, at the same length), and
     * after it started when only the status file does not fit (248 characters: 38/0 "Failed to
     * create file '/run/libvirt/qemu/NAME.xml.new': File name too long"): that QEMU is ended and
     * nothing is left. One difference: at 247 characters libvirtd starts the guest; this driver's
     * status file {@code NAME.json.new} is one byte longer than libvirt's and does not fit.
     */
    @Test
    void createdNamesAsLibvirtd() throws Exception {
        for (String name : List.of(".", "..", "a\nb", " a ")) {
            String xml = domain(name);
            compare("create " + shown(name), LibvirtPython.create(reference, xml), create(xml));
        }
        String xml = domain("x".repeat(10_000));
        Answer libvirt = LibvirtPython.create(reference, xml);
        Answer jvirt = create(xml);
        assertEquals(libvirt.code() + "/" + libvirt.domain(), jvirt.code() + "/" + jvirt.domain(), jvirt.message());
        assertEquals("Failed to create file '" + jq.root.resolve("log/" + "x".repeat(10_000) + ".log")
                + "': File name too long", jvirt.message());
        assertTrue(libvirt.message().endsWith(".pid: File name too long"), libvirt.message());
        xml = domain("x".repeat(248));
        compare("create of 248 characters", LibvirtPython.create(reference, xml), create(xml));
        assertNoQemuLeft();
    }

    /**
     * The memory sizes libvirt refuses, by define and createXML: {@code <memory>} absent or 0 (in any
     * unit, with or without a current memory or a maxMemory): 27/20 "XML error: Memory size must be
     * specified via &lt;memory&gt; or in the &lt;numa&gt; configuration", libvirt's generic post-parse
     * (the test driver gives the same). Taken by define: 1023 bytes (1 KiB) and a current memory of 0
     * (the memory size).
     */
    @Test
    void memorySizesAsLibvirtd() throws Exception {
        List<String> refused = List.of("<memory unit='KiB'>0</memory>",
                "<memory unit='KiB'>0</memory><currentMemory unit='KiB'>0</currentMemory>",
                "<memory unit='KiB'>0</memory><currentMemory unit='KiB'>65536</currentMemory>",
                "<memory unit='MiB'>0</memory>", "",
                "<maxMemory slots='16' unit='KiB'>1048576</maxMemory><memory unit='KiB'>0</memory>");
        for (String memory : refused) {
            String xml = domain("mem", memory);
            compare("define " + memory, LibvirtPython.define(reference, xml), define(xml));
            compare("create " + memory, LibvirtPython.create(reference, xml), create(xml));
        }
        for (String memory : List.of("<memory unit='b'>1023</memory>",
                "<memory unit='KiB'>65536</memory><currentMemory unit='KiB'>0</currentMemory>")) {
            String xml = domain("mem", memory);
            compare("define " + memory, LibvirtPython.define(reference, xml), define(xml));
        }
        assertNoQemuLeft();
    }

    /**
     * Whole documents libvirtd refuses before names or sizes matter (issue 22), by define and
     * createXML: a malformed {@code <uuid>} (1/20 "internal error: malformed uuid element"), a memory
     * size of {@code 1e23} (27/5 "XML error: Invalid value '1e23' for element or attribute
     * './memory[1]'"), an empty or blank document (35/20, libxml2's words). Nothing is left.
     */
    @Test
    void refusedDocumentsAsLibvirtd() throws Exception {
        String memory = "<memory unit='MiB'>64</memory>";
        for (String xml : List.of(domain("u1", "<uuid>not-a-uuid</uuid>" + memory),
                domain("u1", "<uuid>0123456789abcdef0123456789abcde</uuid>" + memory),
                domain("u1", "<memory>1e23</memory>"), domain("u1", "<memory unit='KiB'>1e23</memory>"),
                domain("u1", memory + "<currentMemory>1e23</currentMemory>"), "", " \n ")) {
            compare("define " + xml, LibvirtPython.define(reference, xml), define(xml));
            compare("create " + xml, LibvirtPython.create(reference, xml), create(xml));
        }
        assertNoQemuLeft();
    }

    /**
     * A define that fails after its file was begun: the definition file's place is a directory (the
     * rename fails) for a new domain, its temp file's place a directory for a redefinition. The new
     * domain is not listed, the redefined one keeps its old definition, in memory and on disk.
     */
    @Test
    void failedWritesChangeNothing() throws Exception {
        Path blocker = jq.root.resolve("config/blocked.xml");
        Files.createDirectories(blocker);
        try {
            VirtException e = assertThrows(VirtException.class, () -> jq.conn.domainDefineXML(domain("blocked")));
            assertEquals(ErrorCode.SYSTEM_ERROR, e.code(), e.getMessage());
            assertEquals(ErrorDomain.NONE, e.domain(), e.getMessage());
            assertTrue(e.getMessage().startsWith("Failed to rename file '" + blocker + ".new' to '" + blocker + "': "),
                    e.getMessage());
            assertEquals(List.of(), names());
            assertFalse(Files.exists(jq.root.resolve("config/blocked.xml.new")), "the temp file stayed");
        } finally {
            Files.delete(blocker);
        }

        Domain kept = jq.conn.domainDefineXML(domain("kept"));
        String before = kept.getXMLDesc();
        String onDisk = Files.readString(jq.root.resolve("config/kept.xml"));
        Path tmp = Files.createDirectories(jq.root.resolve("config/kept.xml.new"));
        try {
            VirtException e = assertThrows(VirtException.class,
                    () -> jq.conn.domainDefineXML(domain("kept", "<memory unit='MiB'>96</memory>")
                            .replace("<name>kept</name>", "<name>kept</name><uuid>" + kept.getUUID() + "</uuid>")));
            assertEquals("Failed to create file '" + tmp + "': Is a directory", e.getMessage());
            assertEquals(ErrorCode.SYSTEM_ERROR, e.code());
            assertEquals(before, jq.conn.domainLookupByName("kept").getXMLDesc());
            assertEquals(onDisk, Files.readString(jq.root.resolve("config/kept.xml")));
        } finally {
            Files.delete(tmp);
            kept.undefine();
        }
        assertNothingLeft();
    }

    // ------------------------------------------------------------------ helpers

    /** This driver's define, as libvirt-python's answer; a domain made is undefined again, a refused one must leave nothing. */
    private static Answer define(String xml) throws IOException {
        try {
            Domain d = jq.conn.domainDefineXML(xml);
            Answer a = new Answer(d.getName(), d.getXMLDesc(), 0, 0, null);
            d.undefine();
            assertNothingLeft();
            return a;
        } catch (VirtException e) {
            assertNothingLeft();
            return Answer.error(e.code().value(), e.domain().value(), e.getMessage());
        }
    }

    /** The same for createXML: a guest started is destroyed; its log stays (as libvirt's). */
    private static Answer create(String xml) throws IOException {
        try {
            Domain d = jq.conn.domainCreateXML(xml);
            Answer a = new Answer(d.getName(), d.getXMLDesc(), 0, 0, null);
            d.destroy();
            assertNothingLeft();
            return a;
        } catch (VirtException e) {
            assertNothingLeft();
            return Answer.error(e.code().value(), e.domain().value(), e.getMessage());
        }
    }

    private static List<String> names() {
        List<String> l = new ArrayList<>();
        jq.conn.listAllDomains().forEach(d -> l.add(d.getName()));
        return l;
    }

    /** No domain listed, no definition, marker, status file or socket under the root. */
    private static void assertNothingLeft() throws IOException {
        assertEquals(List.of(), names(), "a domain is left");
        for (String dir : List.of("config", "autostart", "run")) {
            try (Stream<Path> s = Files.list(jq.root.resolve(dir))) {
                // the instance's own autostarted marker is no guest's
                assertEquals(List.of(), s.map(p -> p.getFileName().toString())
                        .filter(f -> !f.equals(io.jvirt.spi.OncePerBoot.MARKER)).toList(), "files left in " + dir);
            }
        }
    }

    /** No QEMU of this root runs (a start that failed after the spawn ended its QEMU). */
    private static void assertNoQemuLeft() {
        List<Long> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(jq.root.toString())).orElse(false))
                .map(ProcessHandle::pid).toList();
        assertEquals(List.of(), left, "QEMU processes of " + jq.root + " are left");
    }

    private static void compare(String what, Answer libvirt, Answer jvirt) {
        assertEquals(summary(libvirt, true), summary(jvirt, false), what + ": libvirtd answered " + libvirt
                + ", jvirt " + jvirt);
    }

    private static final Pattern MEMORY = Pattern.compile("<(memory|currentMemory)[^>]*>[^<]*</\\1>");

    /** The error with paths mapped to placeholders, or the name and memory sizes of the domain made. */
    private static String summary(Answer a, boolean libvirt) {
        if (!a.ok()) {
            String m = a.message();
            if (libvirt) {
                m = m.replace("/etc/libvirt/qemu/", "CONFIG/").replace("/var/lib/libvirt/qemu/snapshot/", "NAMEDIR/")
                        .replaceAll("/run/libvirt/qemu/(x+)\\.xml\\.new", "STATUS($1)");
            } else {
                m = m.replace(jq.root + "/config/", "CONFIG/").replace(jq.root + "/autostart/", "NAMEDIR/")
                        .replaceAll(Pattern.quote(jq.root + "/run/") + "(x+)\\.json\\.new", "STATUS($1)");
            }
            return a.code() + "/" + a.domain() + " " + m;
        }
        StringBuilder sb = new StringBuilder("OK ").append(a.name());
        if (a.xml() != null) {
            Matcher m = MEMORY.matcher(a.xml());
            while (m.find()) {
                sb.append(' ').append(m.group());
            }
        }
        return sb.toString();
    }

    private static String shown(String name) {
        return name.length() > 20 ? name.length() + " characters" : "'" + name.replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "'";
    }
}
