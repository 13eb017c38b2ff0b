package io.jvirt.driver.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.VirtException;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.testsupport.LibvirtPython;
import io.jvirt.testsupport.LibvirtPython.Answer;

/**
 * Names and memory sizes libvirt's test driver takes or refuses, asked live: each definition goes to
 * {@code test:///default} of libvirt-python (libvirt 9.0) and to this driver by define and by
 * createXML; the answers (name and memory as defined, or code, domain and message) must be equal,
 * and a refused one must leave the domain list as it was. What libvirt 9.0 answered here:
 * a newline in a name is refused at define only (code 35 XML_DETAIL, domain 5 XML, "invalid char in
 * name: " and the newline; a carriage return is one after XML parsing), '/' by both (27/20), an
 * empty name by both (21/20 "missing name information"); ".", "..", blanks around a name, a tab and
 * 10,000 characters are taken. {@code <memory>} 0 or absent is refused by both (27/20 "XML error:
 * Memory size must be specified via &lt;memory&gt; or in the &lt;numa&gt; configuration"); a current
 * memory of 0 becomes the memory size.
 */
class BadDefinitionsTest {
    private static final String URI = "test:///default";
    private Connect conn;

    @BeforeEach
    void open() {
        LibvirtPython.require();
        conn = new InProcessVirt(URI).add(new TestDriver(), "test", "test").open(URI);
    }

    @AfterEach
    void close() {
        conn.close();
    }

    static Stream<String> names() {
        return Stream.of(".", "..", "a\nb", "\n", "a\rb", "a/b", "", " a", "a ", " ", "a\tb", "x".repeat(255),
                "x".repeat(10_000));
    }

    static Stream<String> memories() {
        return Stream.of("<memory unit='KiB'>0</memory>",
                "<memory unit='KiB'>0</memory><currentMemory unit='KiB'>0</currentMemory>",
                "<memory unit='KiB'>0</memory><currentMemory unit='KiB'>65536</currentMemory>",
                "<memory unit='MiB'>0</memory>", "",
                "<maxMemory slots='16' unit='KiB'>1048576</maxMemory><memory unit='KiB'>0</memory>",
                "<memory unit='b'>1023</memory>",
                "<memory unit='KiB'>65536</memory><currentMemory unit='KiB'>0</currentMemory>");
    }

    /**
     * Whole documents libvirt refuses before it looks at names or sizes (issue 22): a malformed
     * {@code <uuid>} (1/20 "internal error: malformed uuid element"), {@code <memory>1e23</memory>}
     * (27/5 "XML error: Invalid value '1e23' for element or attribute './memory[1]'"), an empty
     * document and one of white space only (35/20 libxml2's "Document is empty" / "Start tag
     * expected"); the numbers are the ones libvirt-python gets from {@code test:///default} here.
     */
    static Stream<String> documents() {
        return Stream.of(domain("u1", "<uuid>not-a-uuid</uuid><memory unit='KiB'>65536</memory>"),
                domain("u1", "<uuid>0123456789abcdef0123456789abcde</uuid><memory unit='KiB'>65536</memory>"),
                domain("u1", "<memory>1e23</memory>"), domain("u1", "<memory unit='KiB'>1e23</memory>"),
                domain("u1", "<memory>65536</memory><currentMemory>1e23</currentMemory>"), "", " \n ");
    }

    private static String domain(String name, String memory) {
        return "<domain type='test'><name>" + name + "</name>" + memory
                + "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>";
    }

    @ParameterizedTest(name = "name {index}")
    @MethodSource("names")
    void namesAsLibvirt(String name) throws Exception {
        String xml = domain(name, "<memory unit='KiB'>65536</memory>");
        compare("define", LibvirtPython.define(URI, xml), define(xml, false));
        compare("create", LibvirtPython.create(URI, xml), define(xml, true));
    }

    @ParameterizedTest(name = "memory {index}: {0}")
    @MethodSource("memories")
    void memorySizesAsLibvirt(String memory) throws Exception {
        String xml = domain("mem", memory);
        compare("define", LibvirtPython.define(URI, xml), define(xml, false));
        compare("create", LibvirtPython.create(URI, xml), define(xml, true));
    }

    @ParameterizedTest(name = "document {index}")
    @MethodSource("documents")
    void documentsAsLibvirt(String xml) throws Exception {
        compare("define", LibvirtPython.define(URI, xml), define(xml, false));
        compare("create", LibvirtPython.create(URI, xml), define(xml, true));
    }

    /** This driver's answer, as libvirt-python's; a domain made is taken away again, a refused one must leave nothing. */
    private Answer define(String xml, boolean create) {
        List<String> before = names(conn);
        try {
            Domain d = create ? conn.domainCreateXML(xml) : conn.domainDefineXML(xml);
            Answer a = new Answer(d.getName(), d.getXMLDesc(), 0, 0, null);
            if (d.isActive()) {
                d.destroy();
            }
            if (!create) {
                d.undefine();
            }
            assertEquals(before, names(conn), "the domain did not go away again");
            return a;
        } catch (VirtException e) {
            assertEquals(before, names(conn), "a refused definition changed the domain list");
            return Answer.error(e.code().value(), e.domain().value(), e.getMessage());
        }
    }

    private static List<String> names(Connect c) {
        List<String> l = new ArrayList<>();
        c.listAllDomains().forEach(d -> l.add(d.getName()));
        return l;
    }

    private static void compare(String op, Answer libvirt, Answer jvirt) {
        assertEquals(summary(libvirt), summary(jvirt), op + ": libvirt answered " + libvirt + ", jvirt " + jvirt);
    }

    private static final Pattern MEMORY = Pattern.compile("<(memory|currentMemory)[^>]*>[^<]*</\\1>");

    /** What is compared: the error, or the name and memory sizes of the domain made. */
    private static String summary(Answer a) {
        if (!a.ok()) {
            return a.code() + "/" + a.domain() + " " + a.message();
        }
        StringBuilder sb = new StringBuilder("OK ").append(a.name());
        Matcher m = MEMORY.matcher(a.xml());
        while (m.find()) {
            sb.append(' ').append(m.group());
        }
        return sb.toString();
    }
}
