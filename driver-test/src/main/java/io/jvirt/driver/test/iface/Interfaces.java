package io.jvirt.driver.test.iface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.driver.test.state.Errors;
import io.jvirt.spi.InterfaceDriver;
import io.jvirt.spi.InterfaceRef;

/**
 * The host interfaces of one test state and libvirt's change transaction over them (observed with
 * {@code virsh -c test:///default iface-*}). Definitions are kept as libvirt prints them: the
 * {@code <mac>} element moves after the configuration, as {@code iface-dumpxml} shows.
 * All operations are short and rare, so one lock guards the set.
 */
public final class Interfaces {
    /** {@code virsh -c test:///default iface-dumpxml eth1}. */
    static final String ETH1 = """
            <interface type='ethernet' name='eth1'>
              <start mode='onboot'/>
              <mtu size='1492'/>
              <protocol family='ipv4'>
                <ip address='192.168.0.5' prefix='24'/>
                <route gateway='192.168.0.1'/>
              </protocol>
              <mac address='aa:bb:cc:dd:ee:ff'/>
            </interface>
            """;

    private static final class Iface {
        final String name;
        final String mac;
        final String xml;
        boolean active;

        Iface(String name, String mac, String xml, boolean active) {
            this.name = name;
            this.mac = mac;
            this.xml = xml;
            this.active = active;
        }

        Iface copy() {
            return new Iface(name, mac, xml, active);
        }

        InterfaceRef ref() {
            return new InterfaceRef(name, mac);
        }
    }

    private final Object lock = new Object();
    private Map<String, Iface> byName = new LinkedHashMap<>();
    /** The interfaces as they were at iface-begin, while a transaction runs. */
    private Map<String, Iface> backup;

    /** The initial interfaces of test:///default. */
    public void loadDefault() {
        load(ETH1, true);
    }

    public void load(String xml, boolean active) {
        Iface i = parse(xml);
        i.active = active;
        synchronized (lock) {
            byName.put(i.name, i);
        }
    }

    private static Iface parse(String xml) {
        Element root = SecureXml.parse(xml, "interface", "interface_definition");
        String name = root.getAttribute("name");
        if (name.isEmpty()) {
            throw Errors.of(ErrorCode.XML_ERROR, ErrorDomain.INTERFACE, "XML error: interface has no name");
        }
        String mac = "";
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("mac")) {
                mac = e.getAttribute("address").toLowerCase(java.util.Locale.ROOT);
            }
        }
        StringBuilder b = new StringBuilder();
        format(root, "", b, true);
        return new Iface(name, mac, b.toString(), false);
    }

    /** libvirt's element order for an interface's children: start, mtu, the configuration, mac last. */
    private static int rank(Element e) {
        return switch (e.getTagName()) {
            case "start" -> 0;
            case "mtu" -> 1;
            case "link" -> 2;
            case "mac" -> 9;
            default -> 5;
        };
    }

    private static void format(Element e, String indent, StringBuilder b, boolean root) {
        b.append(indent).append('<').append(e.getTagName());
        List<String> order = new ArrayList<>();
        if (e.getTagName().equals("interface")) {
            order.addAll(List.of("type", "name"));
        } else if (e.getTagName().equals("bridge")) {
            order.addAll(List.of("stp", "delay"));
        }
        NamedNodeMap attrs = e.getAttributes();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            String n = ((Attr) attrs.item(i)).getName();
            if (!order.contains(n)) {
                rest.add(n);
            }
        }
        order.addAll(rest);
        for (String n : order) {
            if (e.hasAttribute(n)) {
                b.append(' ').append(n).append("='").append(escape(e.getAttribute(n))).append('\'');
            }
        }
        List<Element> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                children.add(c);
            }
        }
        if (root) {
            children.sort(Comparator.comparingInt(Interfaces::rank));
        }
        String text = e.getTextContent().strip();
        if (children.isEmpty() && text.isEmpty()) {
            b.append("/>\n");
        } else if (children.isEmpty()) {
            b.append('>').append(escape(text)).append("</").append(e.getTagName()).append(">\n");
        } else {
            b.append(">\n");
            for (Element c : children) {
                format(c, indent + "  ", b, false);
            }
            b.append(indent).append("</").append(e.getTagName()).append(">\n");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;");
    }

    private Iface get(String name) {
        Iface i = byName.get(name);
        if (i == null) {
            throw Errors.of(ErrorCode.NO_INTERFACE, ErrorDomain.TEST,
                    "Interface not found: no interface with matching name '" + name + "'");
        }
        return i;
    }

    public InterfaceDriver driver() {
        return new Driver();
    }

    /** Whether the test host has the network device {@code name} up (an active interface of that name). */
    public boolean isUp(String name) {
        synchronized (lock) {
            Iface i = byName.get(name);
            return i != null && i.active;
        }
    }

    private final class Driver implements InterfaceDriver {
        @Override
        public List<InterfaceRef> connectListAllInterfaces(int flags) {
            Errors.checkFlags(flags, 0x3, "testConnectListAllInterfaces");
            synchronized (lock) {
                List<InterfaceRef> out = new ArrayList<>();
                for (Iface i : byName.values()) {
                    boolean inactive = (flags & 1) != 0;
                    boolean active = (flags & 2) != 0;
                    if (inactive == active || (active ? i.active : !i.active)) {
                        out.add(i.ref());
                    }
                }
                return out;
            }
        }

        @Override
        public InterfaceRef interfaceLookupByName(String name) {
            synchronized (lock) {
                return get(name).ref();
            }
        }

        @Override
        public InterfaceRef interfaceLookupByMACString(String mac) {
            synchronized (lock) {
                for (Iface i : byName.values()) {
                    if (i.mac.equalsIgnoreCase(mac)) {
                        return i.ref();
                    }
                }
            }
            throw Errors.of(ErrorCode.NO_INTERFACE, ErrorDomain.TEST,
                    "Interface not found: no interface with matching mac '" + mac + "'");
        }

        @Override
        public InterfaceRef interfaceDefineXML(String xml, int flags) {
            Errors.checkFlags(flags, 1 /* VALIDATE */, "testInterfaceDefineXML");
            Iface i = parse(xml);
            synchronized (lock) {
                Iface old = byName.get(i.name);
                i.active = old != null && old.active;
                byName.put(i.name, i);
            }
            return i.ref();
        }

        @Override
        public void interfaceUndefine(InterfaceRef iface) {
            synchronized (lock) {
                byName.remove(get(iface.name()).name);
            }
        }

        @Override
        public void interfaceCreate(InterfaceRef iface, int flags) {
            Errors.checkFlags(flags, 0, "testInterfaceCreate");
            synchronized (lock) {
                Iface i = get(iface.name());
                if (i.active) {
                    throw Errors.of(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST, "Requested operation is not valid");
                }
                i.active = true;
            }
        }

        @Override
        public void interfaceDestroy(InterfaceRef iface, int flags) {
            Errors.checkFlags(flags, 0, "testInterfaceDestroy");
            synchronized (lock) {
                Iface i = get(iface.name());
                if (!i.active) {
                    throw Errors.of(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST, "Requested operation is not valid");
                }
                i.active = false;
            }
        }

        @Override
        public String interfaceGetXMLDesc(InterfaceRef iface, int flags) {
            Errors.checkFlags(flags, 0, "testInterfaceGetXMLDesc");
            synchronized (lock) {
                return get(iface.name()).xml;
            }
        }

        @Override
        public boolean interfaceIsActive(InterfaceRef iface) {
            synchronized (lock) {
                return get(iface.name()).active;
            }
        }

        @Override
        public void interfaceChangeBegin(int flags) {
            Errors.checkFlags(flags, 0, "testInterfaceChangeBegin");
            synchronized (lock) {
                if (backup != null) {
                    throw Errors.operationInvalid(ErrorDomain.TEST, "there is another transaction running.");
                }
                backup = new LinkedHashMap<>();
                byName.forEach((k, v) -> backup.put(k, v.copy()));
            }
        }

        @Override
        public void interfaceChangeCommit(int flags) {
            Errors.checkFlags(flags, 0, "testInterfaceChangeCommit");
            synchronized (lock) {
                if (backup == null) {
                    throw Errors.operationInvalid(ErrorDomain.TEST,
                            "no transaction running, nothing to be committed.");
                }
                backup = null;
            }
        }

        @Override
        public void interfaceChangeRollback(int flags) {
            Errors.checkFlags(flags, 0, "testInterfaceChangeRollback");
            synchronized (lock) {
                if (backup == null) {
                    throw Errors.operationInvalid(ErrorDomain.TEST, "no transaction running, nothing to rollback.");
                }
                // libvirt restores the saved definitions as new, inactive objects
                // (virsh iface-begin; iface-rollback; iface-list --all shows eth1 inactive)
                backup.values().forEach(i -> i.active = false);
                byName = backup;
                backup = null;
            }
        }
    }
}
