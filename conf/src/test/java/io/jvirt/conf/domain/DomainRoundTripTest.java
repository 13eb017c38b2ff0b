package io.jvirt.conf.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.conf.oracle.Oracle;

/**
 * Properties of the model itself: define + dumpxml is idempotent (formatting what was formatted
 * changes nothing; libvirt's own output is not always a fixed point: controllers it added at the end
 * move to their sorted place when defined again, as {@code virsh} shows), and a few defaults stated
 * directly.
 */
class DomainRoundTripTest {
    static Stream<Oracle.Case> accepted() {
        return DomainConformanceTest.cases().filter(c -> c.accepted() || "accepted".equals(c.replacedResult()))
                .filter(c -> !DomainConformanceTest.KNOWN.containsKey(c.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void formatIsIdempotent(Oracle.Case c) {
        String libvirt = Oracle.read(c.accepted() ? c.oracle() : c.replacedOracle());
        String once = DomainDef.parse(libvirt, ParseContext.define(new TestDriverHook())).format(FormatFlag.INACTIVE);
        String twice = DomainDef.parse(once, ParseContext.define(new TestDriverHook())).format(FormatFlag.INACTIVE);
        assertEquals(once, twice);
    }

    @Test
    void minimalDomainGetsLibvirtDefaults() {
        String xml = "<domain type='test'><name>m</name><memory unit='MiB'>1</memory>"
                + "<os><type>hvm</type></os><devices><interface type='network'>"
                + "<source network='default'/></interface></devices></domain>";
        DomainDef def = DomainDef.parse(xml, ParseContext.define(new TestDriverHook()));
        String out = def.format(FormatFlag.INACTIVE);
        assertTrue(out.contains("<memory unit='KiB'>1024</memory>"), out);
        assertTrue(out.contains("<currentMemory unit='KiB'>1024</currentMemory>"), out);
        assertTrue(out.contains("<type arch='i686'>hvm</type>\n    <boot dev='hd'/>"), out);
        assertTrue(out.contains("<target dev='testnet0'/>"), out);
        assertTrue(def.uuid().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertTrue(out.matches("(?s).*<mac address='52:54:00(:[0-9a-f]{2}){3}'/>.*"), out);
    }

    @Test
    void withoutDriverHookNoArchitectureIsInvented() {
        String xml = "<domain type='test'><name>m</name><memory>1024</memory><os><type>hvm</type></os></domain>";
        String out = DomainDef.parse(xml, ParseContext.define(PostParseHook.NONE)).format(FormatFlag.INACTIVE);
        assertTrue(out.contains("<type>hvm</type>"), out);
    }

    @Test
    void slashInNameIsRefused() {
        VirtException e = assertThrows(VirtException.class, () -> DomainDef.parse(
                "<domain type='test'><name>a/b</name><memory>1</memory></domain>", ParseContext.define(null)));
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertEquals("XML error: name a/b cannot contain '/'", e.getMessage());
    }
}
