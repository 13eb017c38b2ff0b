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

    /** Observed with virsh -c test:///default dumpxml --inactive [--security-info]. */
    @Test
    void passwordsOnlyWithSecure() {
        String xml = "<domain type='test'><name>s2</name><memory>1024</memory><os><type>hvm</type></os><devices>"
                + "<graphics type='vnc' keymap='de' socket='/tmp/a.sock' passwd='x' powerControl='yes' connected='keep'"
                + " sharePolicy='force-shared'/>"
                + "<graphics type='vnc' port='5903' websocket='5700' listen='1.2.3.4' keymap='fr' powerControl='no'/>"
                + "<graphics type='spice' autoport='yes' defaultMode='secure' connected='keep'"
                + " passwdValidTo='2011-05-31T16:11:22' keymap='en' tlsPort='5904' passwd='p'/></devices></domain>";
        String secure = String.join("\n",
                "  <devices>",
                "    <graphics type='vnc' socket='/tmp/a.sock' keymap='de' sharePolicy='force-shared' powerControl='yes'"
                        + " passwd='x' connected='keep'>",
                "      <listen type='socket' socket='/tmp/a.sock'/>",
                "    </graphics>",
                "    <graphics type='vnc' port='5903' autoport='no' websocket='5700' listen='1.2.3.4' keymap='fr'"
                        + " powerControl='no'>",
                "      <listen type='address' address='1.2.3.4'/>",
                "    </graphics>",
                "    <graphics type='spice' autoport='yes' keymap='en' defaultMode='secure' passwd='p'"
                        + " passwdValidTo='2011-05-31T16:11:22' connected='keep'>",
                "      <listen type='address'/>",
                "    </graphics>",
                "    <video>",
                "      <model type='cirrus' vram='16384' heads='1' primary='yes'/>",
                "    </video>",
                "  </devices>", "");
        DomainDef def = DomainDef.parse(xml, ParseContext.define(new TestDriverHook()));
        String got = def.format(FormatFlag.INACTIVE, FormatFlag.SECURE);
        assertEquals(secure, got.substring(got.indexOf("  <devices>"), got.indexOf("</domain>")));
        String plain = def.format(FormatFlag.INACTIVE);
        assertEquals(secure.replace(" passwd='x'", "").replace(" passwd='p'", ""),
                plain.substring(plain.indexOf("  <devices>"), plain.indexOf("</domain>")));
    }

    @Test
    void runtimeIdOnlyWhenActive() {
        DomainDef def = DomainDef.parse("<domain type='test' id='5'><name>r</name><memory>1024</memory></domain>",
                ParseContext.define(new TestDriverHook()));
        assertTrue(def.format(FormatFlag.INACTIVE).startsWith("<domain type='test'>\n"));
        def.id(3);
        assertTrue(def.format().startsWith("<domain type='test' id='3'>\n"));
        assertTrue(def.format(FormatFlag.INACTIVE).startsWith("<domain type='test'>\n"));
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
