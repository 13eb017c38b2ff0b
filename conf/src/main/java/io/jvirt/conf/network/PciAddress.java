package io.jvirt.conf.network;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.xml.XmlWriter;

/** A PCI address ({@code <address type='pci' domain bus slot function>}) of a forward device. */
public record PciAddress(long domain, long bus, long slot, long function, Boolean multifunction) {

    static PciAddress parse(Element e) {
        long domain = uint(e, "domain");
        long bus = uint(e, "bus");
        long slot = uint(e, "slot");
        long function = uint(e, "function");
        String multi = NetXml.prop(e, "multifunction");
        Boolean mf = null;
        if (multi != null) {
            mf = switch (multi) {
                case "on" -> Boolean.TRUE;
                case "off" -> Boolean.FALSE;
                default -> throw NetXml.invalidValue(e, "multifunction", multi);
            };
        }
        PciAddress a = new PciAddress(domain, bus, slot, function, mf);
        if (!a.isEmpty()) {
            a.validate();
        }
        return a;
    }

    private static long uint(Element e, String name) {
        String v = NetXml.prop(e, name);
        if (v == null) {
            return 0;
        }
        Long n = NetXml.strToUnsignedNoSign(v, 0, NetXml.UINT_MAX);
        if (n == null) {
            throw NetXml.xmlErr("Invalid value for attribute '" + name + "' in element '" + NetXml.localName(e)
                    + "': '" + v + "'. Expected non-negative integer value");
        }
        return n;
    }

    boolean isEmpty() {
        return domain == 0 && bus == 0 && slot == 0 && function == 0;
    }

    private void validate() {
        // libvirt 9.0.0 does not bound the domain here
        if (bus > 0xFF) {
            throw NetErrors.xml(ErrorDomain.NONE, "Invalid PCI address bus='0x" + Long.toHexString(bus)
                    + "', must be <= 0xFF");
        }
        if (slot > 0x1F) {
            throw NetErrors.xml(ErrorDomain.NONE, "Invalid PCI address slot='0x" + Long.toHexString(slot)
                    + "', must be <= 0x1F");
        }
        if (function > 7) {
            throw NetErrors.xml(ErrorDomain.NONE, "Invalid PCI address function=0x" + Long.toHexString(function)
                    + ", must be <= 7");
        }
    }

    /** The {@code dddd:bb:ss.f} form of error messages. */
    String text() {
        return String.format("%04x:%02x:%02x.%x", domain, bus, slot, function);
    }

    void format(XmlWriter w) {
        w.open("address").attr("type", "pci").attr("domain", String.format("0x%04x", domain))
                .attr("bus", String.format("0x%02x", bus)).attr("slot", String.format("0x%02x", slot))
                .attr("function", "0x" + function).close();
    }
}
