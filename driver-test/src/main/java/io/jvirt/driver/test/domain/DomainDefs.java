package io.jvirt.driver.test.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.FormatFlag;
import io.jvirt.conf.domain.ParseContext;
import io.jvirt.conf.domain.XmlNode;

/**
 * What the test driver reads from and changes in a {@link DomainDef}. The model keeps memory
 * sizes read-only, so changes go through the XML: format, edit, parse again with the same hook,
 * which is what libvirt's parse/format round trip guarantees to be stable.
 */
public final class DomainDefs {
    /** libvirt's schemas where libvirt installs them; jvirt ships no copy (they are libvirt's). */
    private static final io.jvirt.conf.validate.SchemaValidator SCHEMAS =
            new io.jvirt.conf.validate.SchemaValidator(io.jvirt.conf.validate.SchemaValidator.DEFAULT_DIR);

    /** The VALIDATE flags of define and create: libvirt's RELAX NG schema, before anything else. */
    static void validate(String xml) {
        SCHEMAS.validate(xml, io.jvirt.conf.validate.SchemaValidator.Dialect.DOMAIN);
    }

    private static final Pattern MEMORY = Pattern.compile("<memory( [^>]*)? unit='KiB'>\\d+</memory>");
    private static final Pattern CURRENT = Pattern.compile("<currentMemory unit='KiB'>\\d+</currentMemory>");

    private DomainDefs() {
    }

    public static DomainDef parse(String xml) {
        return DomainDef.parse(xml, ParseContext.define(TestDomainHook.INSTANCE));
    }

    public static DomainDef copy(DomainDef def) {
        return parse(def.format(FormatFlag.INACTIVE, FormatFlag.SECURE));
    }

    /** The definition as {@code virDomainGetXMLDesc} prints it; a running domain shows its ID. */
    public static String format(DomainDef def, int id, boolean secure) {
        String xml = secure ? def.format(FormatFlag.SECURE) : def.format();
        if (id > 0) {
            int end = xml.indexOf('>');
            int close = xml.charAt(end - 1) == '/' ? end - 1 : end;
            xml = xml.substring(0, close) + " id='" + id + "'" + xml.substring(close);
        }
        return xml;
    }

    public static long maxMemory(DomainDef def) {
        return def.memoryKiB() == null ? 0 : def.memoryKiB();
    }

    public static long currentMemory(DomainDef def) {
        return def.currentMemoryKiB() == null ? maxMemory(def) : def.currentMemoryKiB();
    }

    /** A copy with other memory sizes (null keeps a size). */
    public static DomainDef withMemory(DomainDef def, Long max, Long current) {
        String xml = def.format(FormatFlag.INACTIVE, FormatFlag.SECURE);
        if (max != null) {
            Matcher m = MEMORY.matcher(xml);
            if (m.find()) {
                String attrs = m.group(1) == null ? "" : m.group(1);
                xml = xml.substring(0, m.start()) + "<memory" + attrs + " unit='KiB'>" + max + "</memory>"
                        + xml.substring(m.end());
            }
        }
        if (current != null) {
            xml = CURRENT.matcher(xml).replaceFirst("<currentMemory unit='KiB'>" + current + "</currentMemory>");
        }
        return parse(xml);
    }

    public static int maxVcpus(DomainDef def) {
        XmlNode vcpu = def.section("vcpu");
        return vcpu == null || vcpu.text() == null ? 1 : Integer.parseInt(vcpu.text().trim());
    }

    public static int vcpus(DomainDef def) {
        XmlNode vcpu = def.section("vcpu");
        if (vcpu != null && vcpu.attr("current") != null) {
            return Integer.parseInt(vcpu.attr("current"));
        }
        return maxVcpus(def);
    }

    /** Sets the vcpu counts in place; {@code current} equal to the maximum is not written (as libvirt). */
    public static void setVcpus(DomainDef def, int max, int current) {
        XmlNode vcpu = def.section("vcpu");
        if (vcpu == null) {
            vcpu = new XmlNode("vcpu").set("placement", "static");
            def.section(vcpu);
        }
        vcpu.text(Integer.toString(max));
        if (current < max) {
            vcpu.set("current", Integer.toString(current));
        } else {
            vcpu.remove("current");
        }
        vcpu.order("placement", "cpuset", "current");
    }
}
