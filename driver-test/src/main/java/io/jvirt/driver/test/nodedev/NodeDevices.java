package io.jvirt.driver.test.nodedev;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.driver.test.state.Errors;
import io.jvirt.spi.NodeDeviceDriver;

/**
 * The host devices of one test state: {@code computer} and three fibre-channel SCSI hosts, as
 * {@code virsh -c test:///default nodedev-dumpxml} prints them. Creating a vHBA does what libvirt
 * 9.0's test driver does: it copies {@code scsi_host11}, names the copy {@code scsi_host12} (every
 * time: a second create replaces the first), and takes parent, WWNN and WWPN from the XML.
 */
public final class NodeDevices {
    private record Device(String name, String parent, String xml) {
    }

    private static final String COMPUTER = """
            <device>
              <name>computer</name>
              <capability type='system'>
                <hardware>
                  <vendor>Libvirt</vendor>
                  <version>Test driver</version>
                  <serial>123456</serial>
                  <uuid>11111111-2222-3333-4444-555555555555</uuid>
                </hardware>
                <firmware>
                  <vendor>Libvirt</vendor>
                  <version>Test Driver</version>
                  <release_date>01/22/2007</release_date>
                </firmware>
              </capability>
            </device>
            """;

    private static String scsiHost(String name, String parent, int host, int uniqueId, String wwnn, String wwpn,
            String fabric, boolean vportOps) {
        return "<device>\n  <name>" + name + "</name>\n  <parent>" + parent + "</parent>\n"
                + "  <capability type='scsi_host'>\n    <host>" + host + "</host>\n    <unique_id>" + uniqueId
                + "</unique_id>\n    <capability type='fc_host'>\n      <wwnn>" + wwnn + "</wwnn>\n      <wwpn>" + wwpn
                + "</wwpn>\n      <fabric_wwn>" + fabric + "</fabric_wwn>\n    </capability>\n"
                + (vportOps ? "    <capability type='vport_ops'>\n      <max_vports>0</max_vports>\n"
                        + "      <vports>0</vports>\n    </capability>\n" : "")
                + "  </capability>\n</device>\n";
    }

    /** libvirt's capability names; the VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bit of each is 1 << its index. */
    private static final List<String> CAPS = List.of("system", "pci", "usb_device", "usb", "net", "scsi_host",
            "scsi_target", "scsi", "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev",
            "ccw", "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd");

    /** A device's capabilities: its own, plus fc_host and vports that a SCSI host's nested ones give it. */
    private static List<String> capabilities(Device d) {
        Element root = SecureXml.parse(d.xml(), "device", "node_device_definition");
        List<String> caps = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("capability")) {
                caps.add(e.getAttribute("type"));
                for (Node m = e.getFirstChild(); m != null; m = m.getNextSibling()) {
                    if (m instanceof Element nested && nested.getTagName().equals("capability")) {
                        String t = nested.getAttribute("type");
                        caps.add(t.equals("vport_ops") ? "vports" : t);
                    }
                }
            }
        }
        caps.retainAll(CAPS);
        return caps;
    }

    private final Object lock = new Object();
    private final Map<String, Device> byName = new LinkedHashMap<>();

    private record Registration(Object owner, String device, io.jvirt.spi.NodeDeviceEventSink sink) {
    }

    private final Map<Integer, Registration> registrations = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger(1);

    public void deregisterAll(Object owner) {
        registrations.values().removeIf(r -> r.owner() == owner);
    }

    /** virNodeDeviceEventLifecycleType: CREATED 0, DELETED 1; delivered after the lock is released. */
    private void emit(String device, int event) {
        for (Registration r : registrations.values()) {
            if (r.device() == null || r.device().equals(device)) {
                try {
                    r.sink().emit(device, event, 0);
                } catch (RuntimeException ignored) {
                    // the sink's failure does not undo the change
                }
            }
        }
    }

    public void loadDefault() {
        synchronized (lock) {
            put(new Device("computer", null, COMPUTER));
            put(new Device("scsi_host1", "computer", scsiHost("scsi_host1", "computer", 1, 0, "2000000012341234",
                    "1000000012341234", "2000000043214321", true)));
            put(new Device("scsi_host2", "computer", scsiHost("scsi_host2", "computer", 2, 1, "2000000056785678",
                    "1000000056785678", "2000000087658765", true)));
            put(new Device("scsi_host11", "scsi_host1", scsiHost("scsi_host11", "scsi_host1", 11, 10,
                    "2000000034563456", "1000000034563456", "2000000043214321", false)));
        }
    }

    private void put(Device d) {
        byName.put(d.name(), d);
    }

    private Device get(String name) {
        Device d = byName.get(name);
        if (d == null) {
            throw Errors.of(ErrorCode.NO_NODE_DEVICE, ErrorDomain.TEST,
                    "Node device not found: no node device with matching name '" + name + "'");
        }
        return d;
    }

    private static String text(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                if (c.getTagName().equals(name)) {
                    return c.getTextContent().strip();
                }
                String inner = text(c, name);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    public NodeDeviceDriver driver(Object owner) {
        return new Driver(owner);
    }

    private final class Driver implements NodeDeviceDriver {
        private final Object owner;

        Driver(Object owner) {
            this.owner = owner;
        }

        @Override
        public int connectNodeDeviceEventRegisterAny(String device, int eventId, io.jvirt.spi.NodeDeviceEventSink sink) {
            int id = ids.getAndIncrement();
            registrations.put(id, new Registration(owner, device, sink));
            return id;
        }

        @Override
        public void connectNodeDeviceEventDeregisterAny(int callbackId) {
            Registration r = registrations.get(callbackId);
            if (r == null || r.owner() != owner || !registrations.remove(callbackId, r)) {
                throw Errors.invalidArg(ErrorDomain.TEST, "could not find event callback " + callbackId + " for deletion");
            }
        }

        @Override
        public List<String> connectListAllNodeDevices(int flags) {
            // libvirt 9.0 accepts the capability bits only: ACTIVE/INACTIVE (which virsh always passes) are refused
            Errors.checkFlags(flags, 0x3fffffff, "testConnectListAllNodeDevices");
            int capBits = flags & ((1 << CAPS.size()) - 1);
            synchronized (lock) {
                List<String> out = new ArrayList<>();
                for (Device d : byName.values()) {
                    // with capability bits, a device is listed when it has any of them (libvirt's virNodeDeviceMatch)
                    if (capBits == 0 || capabilities(d).stream().anyMatch(c -> (capBits & (1 << CAPS.indexOf(c))) != 0)) {
                        out.add(d.name());
                    }
                }
                return out;
            }
        }

        @Override
        public String nodeDeviceLookupByName(String name) {
            synchronized (lock) {
                return get(name).name();
            }
        }

        @Override
        public String nodeDeviceGetXMLDesc(String name, int flags) {
            Errors.checkFlags(flags, 0, "testNodeDeviceGetXMLDesc");
            synchronized (lock) {
                return get(name).xml();
            }
        }

        @Override
        public String nodeDeviceGetParent(String name) {
            synchronized (lock) {
                return get(name).parent(); // null for computer: virsh nodedev-info prints an empty Parent
            }
        }

        @Override
        public String nodeDeviceCreateXML(String xml, int flags) {
            Errors.checkFlags(flags, 1 /* VALIDATE */, "testNodeDeviceCreateXML");
            Element root = SecureXml.parse(xml, "device", "node_device_definition");
            String parent = text(root, "parent");
            String wwnn = text(root, "wwnn");
            String wwpn = text(root, "wwpn");
            if (parent == null || wwnn == null || wwpn == null) {
                throw Errors.of(ErrorCode.XML_ERROR, ErrorDomain.NODEDEV,
                        "XML error: a vHBA needs a parent, a WWNN and a WWPN");
            }
            synchronized (lock) {
                get(parent);
                Device template = get("scsi_host11");
                String copy = template.xml().replace("<name>scsi_host11</name>", "<name>scsi_host12</name>")
                        .replaceFirst("<parent>[^<]*</parent>", "<parent>" + parent + "</parent>")
                        .replaceFirst("<wwnn>[^<]*</wwnn>", "<wwnn>" + wwnn + "</wwnn>")
                        .replaceFirst("<wwpn>[^<]*</wwpn>", "<wwpn>" + wwpn + "</wwpn>");
                put(new Device("scsi_host12", parent, copy));
            }
            emit("scsi_host12", 0);
            return "scsi_host12";
        }

        @Override
        public void nodeDeviceDestroy(String name) {
            synchronized (lock) {
                byName.remove(get(name).name());
            }
            emit(name, 1);
        }
    }
}
