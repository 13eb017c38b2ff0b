package io.jvirt.driver.qemu.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.jvirt.api.Connect;
import io.jvirt.api.NWFilterBinding;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.conf.nwfilter.FilterRef;
import io.jvirt.conf.nwfilter.NWFilterBindingDef;

/**
 * The nwfilter bindings of a guest's interfaces with a {@code <filterref>} (libvirt's domain_nwfilter):
 * one per tap, created through the scope's nwfilter connection once QEMU made the tap (start, live
 * attach) and deleted when the guest or the interface goes. The binding is the interface's name,
 * UUID, tap, MAC and filter with its parameters, as libvirt's virNWFilterBindingDefForNet makes it.
 */
public final class FilterBindings {
    private static final Logger LOG = Logger.getLogger(FilterBindings.class.getName());

    private FilterBindings() {
    }

    /** Whether the interface has a filter and a tap to bind it to. */
    static boolean filtered(XmlNode net) {
        XmlNode ref = net.childOrNull("filterref");
        XmlNode target = net.childOrNull("target");
        return ref != null && ref.attr("filter") != null && target != null && target.attr("dev") != null;
    }

    /** The binding document of a filtered interface. */
    static String bindingXml(DomainDef dom, XmlNode net) {
        XmlNode ref = net.childOrNull("filterref");
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (XmlNode p : ref.children("parameter")) {
            if (p.attr("name") != null && p.attr("value") != null) {
                params.computeIfAbsent(p.attr("name"), k -> new ArrayList<>()).add(p.attr("value"));
            }
        }
        String linkDev = "direct".equals(net.attr("type")) ? net.child("source").map(s -> s.attr("dev")).orElse(null)
                : null;
        String mac = net.child("mac").map(m -> m.attr("address")).orElse(null);
        return new NWFilterBindingDef(dom.name(), UUID.fromString(dom.uuid()), net.childOrNull("target").attr("dev"),
                linkDev, mac, new FilterRef(ref.attr("filter"), params)).format();
    }

    /**
     * Binds the filters of these interfaces; if one fails, those bound already are deleted again and
     * the error is thrown. A binding left on a tap name by a guest whose end was not seen is replaced:
     * QEMU just made the tap, so no binding of it can be a live one.
     */
    public static void create(Supplier<Connect> nwfilter, DomainDef dom, List<XmlNode> interfaces) {
        List<XmlNode> done = new ArrayList<>();
        try {
            for (XmlNode net : interfaces) {
                if (!filtered(net)) {
                    continue;
                }
                Connect c = nwfilter.get();
                String dev = net.childOrNull("target").attr("dev");
                for (NWFilterBinding stale : c.listAllNWFilterBindings()) {
                    if (stale.getPortDev().equals(dev)) {
                        stale.delete();
                    }
                }
                c.nwfilterBindingCreateXML(bindingXml(dom, net));
                done.add(net);
            }
        } catch (VirtException e) {
            delete(nwfilter, done);
            throw e;
        }
    }

    /** Deletes the bindings of these interfaces' taps (libvirt's virDomainConfVMNWFilterTeardown); never fails. */
    public static void delete(Supplier<Connect> nwfilter, List<XmlNode> interfaces) {
        for (XmlNode net : interfaces) {
            if (!filtered(net)) {
                continue;
            }
            String dev = net.childOrNull("target").attr("dev");
            try {
                nwfilter.get().nwfilterBindingLookupByPortDev(dev).delete();
            } catch (VirtException e) {
                LOG.fine(() -> "no filter binding of " + dev + " to delete: " + e.getMessage());
            }
        }
    }
}
