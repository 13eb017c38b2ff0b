package io.jvirt.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.ParseContext;
import io.jvirt.conf.domain.PostParseHook;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.conf.nwfilter.NWFilterDef;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StoragePoolType;
import io.jvirt.conf.storage.StorageVolDef;

/**
 * Bad input in every dialect, answered as libvirt 9.0 answers it. Each expected code, domain and
 * message was measured by defining the document through libvirt-python against a private libvirtd
 * 9.0 ({@code qemu:///system} of the anchor kit, which has the network, storage, nwfilter and secret
 * drivers) and against {@code test:///default} in-process; both give the same answers for the
 * dialects both serve.
 */
class BadInputTest {
    /** A dialect's parser and libvirt's error for a malformed {@code <uuid>}. */
    record Dialect(String name, Function<String, String> parseUuidOf, ErrorCode code, ErrorDomain domain,
            String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String domainXml(String uuid) {
        return "<domain type='test'><name>u1</name><uuid>" + uuid + "</uuid><memory>65536</memory>"
                + "<os><type arch='x86_64'>hvm</type></os></domain>";
    }

    static DomainDef domain(String xml) {
        return DomainDef.parse(xml, ParseContext.define(PostParseHook.NONE));
    }

    static Stream<Dialect> dialects() {
        return Stream.of(
                new Dialect("domain", u -> domain(domainXml(u)).uuid(), ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                        "internal error: malformed uuid element"),
                new Dialect("network", u -> NetworkDef.parse("<network><name>u1</name><uuid>" + u
                        + "</uuid><bridge name='virbru1'/></network>").uuid().toString(), ErrorCode.INTERNAL_ERROR,
                        ErrorDomain.NETWORK, "internal error: malformed uuid element"),
                new Dialect("pool", u -> StoragePoolDef.parse("<pool type='dir'><name>u1</name><uuid>" + u
                        + "</uuid><target><path>/tmp/u1</path></target></pool>").uuid().toString(),
                        ErrorCode.XML_ERROR, ErrorDomain.STORAGE, "XML error: malformed uuid element"),
                new Dialect("nwfilter", u -> NWFilterDef.parse("<filter name='u1'><uuid>" + u + "</uuid></filter>")
                        .uuid().toString(), ErrorCode.XML_ERROR, ErrorDomain.NWFILTER,
                        "XML error: malformed uuid element"));
    }

    /** UUID text libvirt refuses in every dialect (virUUIDParse), measured one by one. */
    static final String[] MALFORMED = { "not-a-uuid", "   ", "0-123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0", "{0123456789abcdef0123456789abcdef}",
        "0123456789abcdef0123456789abcdef-", "01234567\t89abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcde\u0663" };

    /** UUID text libvirt accepts, all of 01234567-89ab-cdef-0123-456789abcdef. */
    static final String[] ACCEPTED = { "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcdef",
        "01-23-45-67-89-ab-cd-ef-01-23-45-67-89-ab-cd-ef", "  0123456789abcdef0123456789abcdef \n ",
        "01 23 45 67 89ab cdef 0123 4567 89abcdef", "-0123456789abcdef0123456789abcdef" };

    static Stream<Arguments> malformedUuids() {
        return dialects().flatMap(d -> Stream.of(MALFORMED).map(u -> Arguments.of(d, u)));
    }

    static Stream<Arguments> acceptedUuids() {
        return dialects().flatMap(d -> Stream.of(ACCEPTED).map(u -> Arguments.of(d, u)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedUuids")
    void aMalformedUuidIsTheDialectsError(Dialect d, String uuid) {
        VirtException e = assertThrows(VirtException.class, () -> d.parseUuidOf().apply(uuid));
        assertEquals(d.code(), e.code(), e.getMessage());
        assertEquals(d.domain(), e.domain(), e.getMessage());
        assertEquals(d.message(), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("acceptedUuids")
    void uuidTextLibvirtAcceptsIsAccepted(Dialect d, String uuid) {
        assertEquals("01234567-89ab-cdef-0123-456789abcdef", d.parseUuidOf().apply(uuid));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void anEmptyUuidElementGetsAGeneratedUuid(Dialect d) {
        String a = d.parseUuidOf().apply("");
        String b = d.parseUuidOf().apply("");
        assertEquals(4, UUID.fromString(a).version());
        assertNotEquals(a, b);
    }

    // ---- empty documents --------------------------------------------------------------------

    /** A parser of one dialect and libvirt's name and error domain for its document. */
    record Document(String label, Function<String, Object> parse, ErrorDomain domain) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Document> documents() {
        return Stream.of(new Document("(domain_definition)", BadInputTest::domain, ErrorDomain.DOMAIN),
                new Document("(network_definition)", NetworkDef::parse, ErrorDomain.NETWORK),
                new Document("(storage_pool_definition)", StoragePoolDef::parse, ErrorDomain.STORAGE),
                new Document("(storage_volume_definition)",
                        x -> StorageVolDef.parse(x, StoragePoolType.DIR, Set.of()), ErrorDomain.STORAGE),
                new Document("(nwfilter_definition)", NWFilterDef::parse, ErrorDomain.NWFILTER),
                new Document("(device_definition)",
                        x -> io.jvirt.conf.xml.SecureXml.parseAnyRoot(x, "device_definition"), ErrorDomain.DOMAIN),
                new Document("(domain_snapshot)",
                        x -> io.jvirt.conf.xml.SecureXml.parseAnyRoot(x, "domain_snapshot"),
                        ErrorDomain.DOMAIN_SNAPSHOT),
                new Document("(definition_of_secret)",
                        x -> io.jvirt.conf.xml.SecureXml.parseAnyRoot(x, "definition_of_secret"), ErrorDomain.SECRET),
                new Document("(interface_definition)",
                        x -> io.jvirt.conf.xml.SecureXml.parseAnyRoot(x, "interface_definition"),
                        ErrorDomain.INTERFACE),
                new Document("(node_device_definition)",
                        x -> io.jvirt.conf.xml.SecureXml.parseAnyRoot(x, "node_device_definition"),
                        ErrorDomain.NODEDEV),
                new Document("(CPU_definition)", x -> io.jvirt.conf.xml.SecureXml.parseAnyRoot(x, "CPU_definition"),
                        ErrorDomain.CPU),
                new Document("network_update_xml",
                        x -> io.jvirt.conf.xml.SecureXml.parseAnyRoot(x, "network_update_xml"), ErrorDomain.NETWORK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void anEmptyDocumentIsLibxml2sDocumentIsEmpty(Document d) {
        VirtException e = assertThrows(VirtException.class, () -> d.parse().apply(""));
        assertEquals(ErrorCode.XML_DETAIL, e.code());
        assertEquals(d.domain(), e.domain());
        assertEquals(d.label() + ":1: Document is empty\n(null)\n^", e.getMessage());
    }

    /** Documents without a root element: libxml2's "Start tag expected" where its prolog scan stopped. */
    @Test
    void aDocumentWithoutARootElementIsStartTagExpected() {
        String start = "(domain_definition):";
        assertEquals(start + "2: Start tag expected, '<' not found\n  \n--^", refuse("  \n  "));
        assertEquals(start + "2: Start tag expected, '<' not found\n(null)\n^", refuse("\n"));
        assertEquals(start + "1: Start tag expected, '<' not found\n<!-- c -->\n----------^", refuse("<!-- c -->"));
        assertEquals(start + "1: Start tag expected, '<' not found\n<?xml version=\"1.0\"?>\n---------------------^",
                refuse("<?xml version=\"1.0\"?>"));
        assertEquals(start + "1: Start tag expected, '<' not found\nhello\n^", refuse("hello"));
    }

    private static String refuse(String xml) {
        VirtException e = assertThrows(VirtException.class, () -> domain(xml));
        assertEquals(ErrorCode.XML_DETAIL, e.code());
        assertEquals(ErrorDomain.DOMAIN, e.domain());
        return e.getMessage();
    }

    // ---- memory sizes -----------------------------------------------------------------------

    private static String memoryXml(String element, String unit, String value) {
        String u = unit == null ? "" : " unit='" + unit + "'";
        String memory = element.equals("memory") ? "" : "<memory>65536</memory>";
        String slots = element.equals("maxMemory") ? " slots='16'" : "";
        return "<domain type='test'><name>n1</name>" + memory + "<" + element + u + slots + ">" + value + "</"
                + element + "><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>";
    }

    /** Rows of element, unit, value, then libvirt's code, domain and message (null: accepted). */
    static Stream<Arguments> memorySizes() {
        String invalid = "XML error: Invalid value '%s' for element or attribute './%s[1]'";
        Stream.Builder<Arguments> rows = Stream.builder();
        for (String el : new String[] { "memory", "currentMemory", "maxMemory" }) {
            for (String v : new String[] { "1e23", "100000000000000000000000", "18446744073709551616", "-1", " 1024 ",
                "0x10", "1.5", "abc", "1024k" }) {
                rows.add(Arguments.of(el, null, v, ErrorCode.XML_ERROR, ErrorDomain.XML, invalid.formatted(v, el)));
            }
            rows.add(Arguments.of(el, null, "18446744073709551615", ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    "numerical overflow: value too large: 18446744073709551615"));
            rows.add(Arguments.of(el, "KiB", "9223372036854775807", ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    "numerical overflow: value too large: 9223372036854775807KiB"));
            rows.add(Arguments.of(el, "EiB", "17179869184", ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    "numerical overflow: value too large: 17179869184EiB"));
            rows.add(Arguments.of(el, "b", "9223372036854775807", ErrorCode.OVERFLOW, ErrorDomain.DOMAIN,
                    "numerical overflow: size value too large"));
            rows.add(Arguments.of(el, "b", "18446744073709551615", ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    "numerical overflow: value too large: 18446744073709551615b"));
            rows.add(Arguments.of(el, "XiB", "1", ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: unknown suffix 'XiB'"));
        }
        return rows.build();
    }

    @ParameterizedTest(name = "<{0} unit={1}>{2}")
    @MethodSource("memorySizes")
    void aMemorySizeLibvirtRefusesIsRefusedAsLibvirtDoes(String element, String unit, String value, ErrorCode code,
            ErrorDomain domain, String message) {
        VirtException e = assertThrows(VirtException.class, () -> domain(memoryXml(element, unit, value)));
        assertEquals(message, e.getMessage());
        assertEquals(code, e.code());
        assertEquals(domain, e.domain());
    }

    /** Values libvirt accepts that a stricter reader would not: a '+', leading white space, leading zeros. */
    @Test
    void memorySizesLibvirtAccepts() {
        assertEquals(5L, domain(memoryXml("memory", null, "+5")).memoryKiB());
        assertEquals(1024L, domain(memoryXml("memory", null, "  1024")).memoryKiB());
        assertEquals(7L, domain(memoryXml("memory", null, "007")).memoryKiB());
        assertEquals(1L, domain(memoryXml("memory", "b", "+5")).memoryKiB(), "bytes round up to a KiB");
        assertEquals(5629499534213120L, domain(memoryXml("memory", "EiB", "+5")).memoryKiB());
    }
}
