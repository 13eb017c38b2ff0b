package io.jvirt.conf.storage;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * A pool's {@code <source>}. Everything the XML may hold is read whatever the pool type, but only
 * what the type uses is written back (see {@link StoragePoolType}), as libvirt does.
 *
 * @param hosts        {@code <host name port>}
 * @param devices      {@code <device path part_separator>}, with free extents a backend may fill
 * @param dir          {@code <dir path>}, tidied like a path
 * @param adapter      {@code <adapter>}, or null
 * @param name         {@code <name>}
 * @param format       {@code <format type>}, or null for pool types without formats
 * @param initiatorIqn {@code <initiator><iqn name>}
 * @param auth         {@code <auth>}, or null
 * @param protocolVer  {@code <protocol ver>} (netfs), as written
 * @param vendor       {@code <vendor name>}
 * @param product      {@code <product name>}
 */
public record PoolSource(List<Host> hosts, List<Device> devices, String dir, PoolAdapter adapter, String name,
        PoolSourceFormat format, String initiatorIqn, PoolAuth auth, String protocolVer, String vendor,
        String product) {

    public PoolSource {
        hosts = List.copyOf(hosts);
        devices = List.copyOf(devices);
    }

    /** {@code <host name='...' port='...'/>}; a port of 0 is not written. */
    public record Host(String name, int port) {
    }

    /** {@code <device path='...' part_separator='yes|no'/>} with the free extents a backend reports. */
    public record Device(String path, Boolean partSeparator, List<Extent> freeExtents) {
        public Device {
            freeExtents = List.copyOf(freeExtents);
        }

        public Device(String path) {
            this(path, null, List.of());
        }
    }

    /** A byte range {@code start}..{@code end}. */
    public record Extent(long start, long end) {
    }

    /** The source of a pool whose XML has no {@code <source>}. */
    static PoolSource empty(StoragePoolType type) {
        return new PoolSource(List.of(), List.of(), null, null, null, type.defaultSourceFormat(), null, null, null,
                null, null);
    }

    public PoolSource withName(String newName) {
        return new PoolSource(hosts, devices, dir, adapter, newName, format, initiatorIqn, auth, protocolVer, vendor,
                product);
    }

    public PoolSource withDir(String newDir) {
        return new PoolSource(hosts, devices, newDir, adapter, name, format, initiatorIqn, auth, protocolVer, vendor,
                product);
    }

    public PoolSource withDevices(List<Device> newDevices) {
        return new PoolSource(hosts, newDevices, dir, adapter, name, format, initiatorIqn, auth, protocolVer, vendor,
                product);
    }

    /**
     * Parses a source specification document ({@code <source>...</source>}), as given to
     * find-storage-pool-sources, for a pool of {@code type}.
     */
    public static PoolSource parse(String xml, StoragePoolType type) {
        return parse(StorageXml.document(xml, "source", "storage_source_specification"), type);
    }

    /** Formats a list of discovered sources ({@code <sources>}), as find-storage-pool-sources answers. */
    public static String formatSources(StoragePoolType type, List<PoolSource> sources) {
        XmlWriter w = new XmlWriter();
        w.open("sources");
        w.raw("");
        for (PoolSource s : sources) {
            s.format(w, type);
        }
        w.close();
        return w.toString();
    }

    /** Parses a {@code <source>} element for a pool of {@code type}. */
    public static PoolSource parse(Element e, StoragePoolType type) {
        String name = StorageXml.text(e, "name");
        if (type == StoragePoolType.RBD && name == null) {
            throw StorageXml.xmlError("element 'name' is mandatory for RBD pool");
        }
        PoolSourceFormat format = null;
        if (type.hasSourceFormat()) {
            String f = StorageXml.attrAt(e, "type", "format");
            if (f == null) {
                format = type.defaultSourceFormat();
            } else {
                for (PoolSourceFormat c : type.sourceFormats()) {
                    if (c.xml().equals(f)) {
                        format = c;
                    }
                }
                if (format == null) {
                    throw StorageXml.unsupported("unknown pool format type " + f);
                }
            }
        }
        List<Host> hosts = new ArrayList<>();
        for (Element h : StorageXml.kids(e, "host")) {
            String hn = StorageXml.prop(h, "name");
            if (hn == null) {
                throw StorageXml.xmlError("missing storage pool host name");
            }
            Integer port = StorageXml.intProp(h, "port", 10);
            hosts.add(new Host(hn, port == null ? 0 : port));
        }
        String iqn = StorageXml.attrAt(e, "name", "initiator", "iqn");
        List<Device> devices = new ArrayList<>();
        for (Element d : StorageXml.kids(e, "device")) {
            String path = StorageXml.prop(d, "path");
            if (path == null) {
                throw StorageXml.xmlError("missing storage pool source device path");
            }
            devices.add(new Device(path, StorageXml.yesNo(d, "part_separator"), List.of()));
        }
        String dir = StorageXml.attrAt(e, "path", "dir");
        if (dir != null) {
            dir = StorageXml.sanitizePath(dir);
        }
        if (dir == null && type == StoragePoolType.GLUSTER) {
            dir = "/";
        }
        Element a = StorageXml.first(e, "adapter");
        PoolAdapter adapter = a == null ? null : PoolAdapter.parse(a);
        Element au = StorageXml.first(e, "auth");
        PoolAuth auth = au == null ? null : PoolAuth.parse(au);
        String ver = StorageXml.attrAt(e, "ver", "protocol");
        if (ver != null) {
            int ordinal = format == null ? 0 : format.ordinal();
            if (ordinal != NetfsPoolFormat.NFS.ordinal() && ordinal != NetfsPoolFormat.AUTO.ordinal()) {
                // libvirt names the format by its number in the netfs list, whatever the pool type
                NetfsPoolFormat[] netfs = NetfsPoolFormat.values();
                String word = ordinal < netfs.length ? netfs[ordinal].xml() : "(null)";
                throw StorageXml.unsupported("storage pool protocol ver unsupported for pool type '" + word + "'");
            }
        }
        return new PoolSource(hosts, devices, dir, adapter, name, format, iqn, auth, ver,
                StorageXml.attrAt(e, "name", "vendor"), StorageXml.attrAt(e, "name", "product"));
    }

    /** Writes the {@code <source>} element with what a pool of {@code type} uses. */
    public void format(XmlWriter w, StoragePoolType type) {
        w.open("source");
        w.raw("");
        if (type.uses(StoragePoolType.Source.HOST)) {
            for (Host h : hosts) {
                w.open("host").attr("name", h.name());
                if (h.port() != 0) {
                    w.attr("port", h.port());
                }
                w.close();
            }
        }
        if (type.uses(StoragePoolType.Source.DEVICE)) {
            for (Device d : devices) {
                w.open("device").attr("path", d.path()).yesNo("part_separator", d.partSeparator());
                for (Extent x : d.freeExtents()) {
                    w.open("freeExtent").attr("start", Long.toUnsignedString(x.start()))
                            .attr("end", Long.toUnsignedString(x.end())).close();
                }
                w.close();
            }
        }
        if (type.uses(StoragePoolType.Source.DIR) && dir != null) {
            w.open("dir").attr("path", dir).close();
        }
        if (type.uses(StoragePoolType.Source.ADAPTER) && adapter != null) {
            adapter.format(w);
        }
        if (type.uses(StoragePoolType.Source.NAME)) {
            w.leaf("name", name);
        }
        if (type.uses(StoragePoolType.Source.INITIATOR_IQN) && initiatorIqn != null) {
            w.open("initiator").open("iqn").attr("name", initiatorIqn).close().close();
        }
        if (type.hasSourceFormat() && format != null) {
            w.open("format").attr("type", format.xml()).close();
        }
        if (auth != null) {
            auth.format(w);
        }
        if (protocolVer != null) {
            w.open("protocol").attr("ver", protocolVer).close();
        }
        if (vendor != null) {
            w.open("vendor").attr("name", vendor).close();
        }
        if (product != null) {
            w.open("product").attr("name", product).close();
        }
        w.close();
    }
}
