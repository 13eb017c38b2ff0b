package io.jvirt.conf.storage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A storage pool definition ({@code <pool type='...'>}), parsed and formatted as libvirt does.
 * <p>
 * {@code capacity}, {@code allocation} and {@code available} are never read from the XML: the
 * driver fills them ({@link #withSizes}). The parser applies libvirt's defaults that belong to the
 * definition itself: a random UUID when none is given, the source name from the pool name (and the
 * pool name from the source name) for types that use one, the default source format, {@code /dev/NAME}
 * and {@code /dev/zvol/NAME} targets for logical and zfs pools, {@code /} as gluster directory.
 *
 * @param type         pool type
 * @param name         pool name (no '/')
 * @param uuid         pool UUID
 * @param capacity     bytes, filled by the driver
 * @param allocation   bytes, filled by the driver
 * @param available    bytes, filled by the driver
 * @param cow          {@code <features><cow state>}, null when absent
 * @param source       {@code <source>}
 * @param targetPath   {@code <target><path>}, null for pools without target
 * @param targetPerms  {@code <target><permissions>}
 * @param refresh      {@code <refresh><volume allocation>}, null when absent
 * @param mountOptions {@code <fs:mount_opts>} options of fs and netfs pools, empty when none
 * @param rbdOptions   {@code <rbd:config_opts>} of rbd pools, empty when none
 */
public record StoragePoolDef(StoragePoolType type, String name, UUID uuid, long capacity, long allocation,
        long available, Boolean cow, PoolSource source, String targetPath, StoragePerms targetPerms,
        RefreshAllocation refresh, List<String> mountOptions, List<RbdOption> rbdOptions) {

    /** The namespace of the fs and netfs pools' mount options. */
    public static final String FS_NAMESPACE = "http://libvirt.org/schemas/storagepool/fs/1.0";
    /** The namespace of the rbd pools' configuration options. */
    public static final String RBD_NAMESPACE = "http://libvirt.org/schemas/storagepool/rbd/1.0";

    /**
     * The backend XML namespaces a parser knows. libvirt reads a pool type's namespace only when the
     * backend that registers it is loaded: the libvirt 9.0 daemon of the conformance oracle has the
     * fs backend (fs and netfs mount options) but not the rbd one.
     */
    public enum PoolNamespace {
        FS, RBD
    }

    /** The namespaces the reference daemon knows: {@link PoolNamespace#FS}. */
    public static final Set<PoolNamespace> DAEMON_NAMESPACES = Set.copyOf(EnumSet.of(PoolNamespace.FS));

    /** {@code <refresh><volume allocation='default|capacity'/></refresh>}. */
    public enum RefreshAllocation {
        DEFAULT("default"),
        CAPACITY("capacity");

        private final String xml;

        RefreshAllocation(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    /** {@code <rbd:option name='...' value='...'/>}. */
    public record RbdOption(String name, String value) {
    }

    public StoragePoolDef {
        mountOptions = List.copyOf(mountOptions);
        rbdOptions = List.copyOf(rbdOptions);
        targetPerms = targetPerms == null ? StoragePerms.NONE : targetPerms;
    }

    /** Capacity, allocation and available bytes, as a driver reports them. */
    public StoragePoolDef withSizes(long newCapacity, long newAllocation, long newAvailable) {
        return new StoragePoolDef(type, name, uuid, newCapacity, newAllocation, newAvailable, cow, source, targetPath,
                targetPerms, refresh, mountOptions, rbdOptions);
    }

    public StoragePoolDef withName(String newName) {
        return new StoragePoolDef(type, newName, uuid, capacity, allocation, available, cow, source, targetPath,
                targetPerms, refresh, mountOptions, rbdOptions);
    }

    public StoragePoolDef withUuid(UUID newUuid) {
        return new StoragePoolDef(type, name, newUuid, capacity, allocation, available, cow, source, targetPath,
                targetPerms, refresh, mountOptions, rbdOptions);
    }

    public StoragePoolDef withSource(PoolSource newSource) {
        return new StoragePoolDef(type, name, uuid, capacity, allocation, available, cow, newSource, targetPath,
                targetPerms, refresh, mountOptions, rbdOptions);
    }

    public StoragePoolDef withTarget(String newPath, StoragePerms newPerms) {
        return new StoragePoolDef(type, name, uuid, capacity, allocation, available, cow, source, newPath, newPerms,
                refresh, mountOptions, rbdOptions);
    }

    /** Parses with the namespaces of the reference daemon ({@link #DAEMON_NAMESPACES}). */
    public static StoragePoolDef parse(String xml) {
        return parse(xml, DAEMON_NAMESPACES);
    }

    /**
     * Parses a {@code <pool>} document.
     *
     * @param namespaces the backend namespaces to read; elements of others are dropped
     * @throws VirtException with libvirt's code, domain and message when libvirt rejects the XML
     */
    public static StoragePoolDef parse(String xml, Set<PoolNamespace> namespaces) {
        return parse(StorageXml.document(xml, "pool", "storage_pool_definition"), namespaces);
    }

    /** Parses a {@code <pool>} element (e.g. one inlined in a test driver node file). */
    public static StoragePoolDef parse(Element root, Set<PoolNamespace> namespaces) {
        StoragePoolType type = StorageXml.enumProp(root, "type", StoragePoolType.values(), StoragePoolType::xml,
                true, true);
        Element src = StorageXml.first(root, "source");
        PoolSource source = src != null ? PoolSource.parse(src, type) : PoolSource.empty(type);

        String name = StorageXml.text(root, "name");
        if (name == null && type.uses(StoragePoolType.Source.NAME)) {
            name = source.name();
        }
        if (name == null) {
            throw StorageXml.xmlError("missing pool source name element");
        }
        if (name.indexOf('/') >= 0) {
            throw StorageXml.xmlError("name " + name + " cannot contain '/'");
        }
        String u = StorageXml.text(root, "uuid");
        // libvirt 9.0: VIR_ERR_XML_ERROR from the storage code
        UUID uuid = io.jvirt.conf.xml.UuidText.element(u, () -> StorageXml.xmlError("malformed uuid element"));
        Boolean cow = null;
        Element cowNode = StorageXml.first(root, "features", "cow");
        if (cowNode != null) {
            cow = StorageXml.yesNo(cowNode, "state");
            if (cow != null && type != StoragePoolType.FS && type != StoragePoolType.DIR) {
                throw new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.STORAGE,
                        "this function is not supported by the connection driver: "
                                + "cow feature may only be used for 'fs' and 'dir' pools");
            }
        }
        if (type.uses(StoragePoolType.Source.HOST) && source.hosts().isEmpty()) {
            throw StorageXml.xmlError("missing storage pool source host name");
        }
        if (type.uses(StoragePoolType.Source.DIR) && source.dir() == null) {
            throw StorageXml.xmlError("missing storage pool source path");
        }
        if (type.uses(StoragePoolType.Source.NAME) && source.name() == null) {
            source = source.withName(name);
        }
        if (type.uses(StoragePoolType.Source.ADAPTER)) {
            PoolAdapter adapter = source.adapter() != null ? source.adapter()
                    : new PoolAdapter(PoolAdapter.AdapterType.DEFAULT, null, null, null, null, null, null, null, null,
                            null, null);
            adapter.validate();
        }
        if (type.sourceFlags() == StoragePoolType.Source.DEVICE && source.devices().isEmpty()) {
            throw StorageXml.xmlError("missing storage pool source device name");
        }
        String targetPath = null;
        StoragePerms perms = StoragePerms.NONE;
        if (!type.uses(StoragePoolType.Source.NETWORK)) {
            String path;
            if (type == StoragePoolType.LOGICAL) {
                path = "/dev/" + source.name();
            } else if (type == StoragePoolType.ZFS) {
                path = "/dev/zvol/" + source.name();
            } else {
                path = StorageXml.text(root, "target", "path");
                if (path == null) {
                    throw StorageXml.xmlError("missing storage pool target path");
                }
            }
            targetPath = StorageXml.sanitizePath(path);
            perms = StoragePerms.parse(root, "target", "permissions");
        }
        if (type == StoragePoolType.ISCSI_DIRECT && source.initiatorIqn() == null) {
            throw StorageXml.unsupported("missing initiator IQN");
        }
        RefreshAllocation refresh = null;
        String alloc = StorageXml.attrAt(root, "allocation", "refresh", "volume");
        if (alloc != null) {
            for (RefreshAllocation r : RefreshAllocation.values()) {
                if (r.xml.equals(alloc)) {
                    refresh = r;
                }
            }
            if (refresh == null) {
                throw StorageXml.unsupported("unknown storage pool volume refresh allocation type " + alloc);
            }
        }
        List<String> mountOptions = new ArrayList<>();
        List<RbdOption> rbdOptions = new ArrayList<>();
        if ((type == StoragePoolType.FS || type == StoragePoolType.NETFS) && namespaces.contains(PoolNamespace.FS)) {
            for (Element opt : namespaced(root, FS_NAMESPACE, "mount_opts", "option")) {
                String n = StorageXml.prop(opt, "name");
                if (n == null) {
                    throw StorageXml.xmlError("no fs mount option name specified");
                }
                mountOptions.add(n);
            }
        }
        if (type == StoragePoolType.RBD && namespaces.contains(PoolNamespace.RBD)) {
            for (Element opt : namespaced(root, RBD_NAMESPACE, "config_opts", "option")) {
                String n = StorageXml.prop(opt, "name");
                if (n == null) {
                    throw StorageXml.xmlError("no rbd option name specified");
                }
                if (n.isEmpty()) {
                    throw StorageXml.xmlError("empty rbd option name specified");
                }
                String v = StorageXml.prop(opt, "value");
                if (v == null) {
                    throw StorageXml.xmlError("no rbd option value specified for name '" + n + "'");
                }
                if (v.isEmpty()) {
                    throw StorageXml.xmlError("empty rbd option value specified for name '" + n + "'");
                }
                rbdOptions.add(new RbdOption(n, v));
            }
        }
        return new StoragePoolDef(type, name, uuid, 0, 0, 0, cow, source, targetPath, perms, refresh, mountOptions,
                rbdOptions);
    }

    /** Elements {@code ./ns:outer/ns:inner} in document order, whatever prefix the document uses. */
    private static List<Element> namespaced(Element root, String ns, String outer, String inner) {
        List<Element> list = new ArrayList<>();
        for (Node a = root.getFirstChild(); a != null; a = a.getNextSibling()) {
            if (a instanceof Element ea && ns.equals(ea.getNamespaceURI()) && outer.equals(ea.getLocalName())) {
                for (Node b = ea.getFirstChild(); b != null; b = b.getNextSibling()) {
                    if (b instanceof Element eb && ns.equals(eb.getNamespaceURI()) && inner.equals(eb.getLocalName())) {
                        list.add(eb);
                    }
                }
            }
        }
        return list;
    }

    /** The XML libvirt writes for this pool. */
    public String format() {
        XmlWriter w = new XmlWriter();
        format(w);
        return w.toString();
    }

    /** Writes the {@code <pool>} element at the writer's current depth. */
    public void format(XmlWriter w) {
        w.open("pool").attr("type", type.xml());
        boolean fsNs = !mountOptions.isEmpty() && (type == StoragePoolType.FS || type == StoragePoolType.NETFS);
        boolean rbdNs = !rbdOptions.isEmpty() && type == StoragePoolType.RBD;
        if (fsNs) {
            w.attr("xmlns:fs", FS_NAMESPACE);
        }
        if (rbdNs) {
            w.attr("xmlns:rbd", RBD_NAMESPACE);
        }
        w.leaf("name", name);
        w.leaf("uuid", uuid);
        w.open("capacity").attr("unit", "bytes").text(Long.toUnsignedString(capacity));
        w.open("allocation").attr("unit", "bytes").text(Long.toUnsignedString(allocation));
        w.open("available").attr("unit", "bytes").text(Long.toUnsignedString(available));
        if (cow != null) {
            w.open("features").open("cow").yesNo("state", cow).close().close();
        }
        source.format(w, type);
        if (type.hasTarget()) {
            w.open("target");
            w.raw("");
            w.leaf("path", targetPath);
            targetPerms.format(w);
            w.close();
        }
        if (refresh != null) {
            w.open("refresh").open("volume").attr("allocation", refresh.xml()).close().close();
        }
        if (fsNs) {
            w.open("fs:mount_opts");
            for (String o : mountOptions) {
                w.open("fs:option").attr("name", o).close();
            }
            w.close();
        }
        if (rbdNs) {
            w.open("rbd:config_opts");
            for (RbdOption o : rbdOptions) {
                w.open("rbd:option").attr("name", o.name()).attr("value", o.value()).close();
            }
            w.close();
        }
        w.close();
    }
}
