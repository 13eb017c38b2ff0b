package io.jvirt.conf.storage;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A PCI {@code <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>} (the parent of a
 * SCSI host adapter). {@code multifunction} is read but libvirt does not write it here.
 */
public record PciAddress(long domain, long bus, long slot, long function, Boolean multifunction) {
    static PciAddress parse(Element e) {
        long domain = orZero(StorageXml.uintProp(e, "domain", 0, false));
        long bus = orZero(StorageXml.uintProp(e, "bus", 0, false));
        long slot = orZero(StorageXml.uintProp(e, "slot", 0, false));
        long function = orZero(StorageXml.uintProp(e, "function", 0, false));
        Boolean multi = StorageXml.onOff(e, "multifunction");
        PciAddress a = new PciAddress(domain, bus, slot, function, multi);
        // libvirt calls an address without domain, bus and slot empty, and does not check it
        if (!(domain == 0 && bus == 0 && slot == 0)) {
            if (bus > 0xFF) {
                throw invalid("Invalid PCI address bus='0x" + Long.toHexString(bus) + "', must be <= 0xFF");
            }
            if (slot > 0x1F) {
                throw invalid("Invalid PCI address slot='0x" + Long.toHexString(slot) + "', must be <= 0x1F");
            }
            if (function > 7) {
                throw invalid("Invalid PCI address function=0x" + Long.toHexString(function) + ", must be <= 7");
            }
        }
        return a;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static VirtException invalid(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.NONE, "XML error: " + message);
    }

    void format(XmlWriter w) {
        w.open("address")
                .attr("domain", String.format("0x%04x", domain))
                .attr("bus", String.format("0x%02x", bus))
                .attr("slot", String.format("0x%02x", slot))
                .attr("function", "0x" + function)
                .close();
    }
}
