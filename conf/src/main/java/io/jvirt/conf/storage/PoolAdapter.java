package io.jvirt.conf.storage;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.xml.XmlWriter;

/**
 * The {@code <adapter>} of a {@code scsi} pool source: a SCSI host by {@code name} or by its PCI
 * parent ({@code <parentaddr unique_id=...><address .../></parentaddr>}), or a Fibre Channel host
 * by {@code wwnn}/{@code wwpn} with optional parent and {@code managed}.
 */
public record PoolAdapter(AdapterType type, String name, Integer uniqueId, PciAddress parentAddress, String parent,
        String parentWwnn, String parentWwpn, String parentFabricWwn, Boolean managed, String wwnn, String wwpn) {

    /** {@code type='...'}; {@link #DEFAULT} stands for an adapter without a usable type. */
    public enum AdapterType {
        DEFAULT("default"),
        SCSI_HOST("scsi_host"),
        FC_HOST("fc_host");

        private final String xml;

        AdapterType(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    public static PoolAdapter scsiHost(String name) {
        return new PoolAdapter(AdapterType.SCSI_HOST, name, null, null, null, null, null, null, null, null, null);
    }

    public static PoolAdapter scsiHost(int uniqueId, PciAddress parent) {
        return new PoolAdapter(AdapterType.SCSI_HOST, null, uniqueId, parent, null, null, null, null, null, null,
                null);
    }

    public static PoolAdapter fcHost(String parent, String wwnn, String wwpn, Boolean managed) {
        return new PoolAdapter(AdapterType.FC_HOST, null, null, null, parent, null, null, null, managed, wwnn, wwpn);
    }

    static PoolAdapter parse(Element e) {
        AdapterType type = StorageXml.enumProp(e, "type", AdapterType.values(), AdapterType::xml, false, false);
        if (type == null) {
            // the form from before 'type' existed: a SCSI host name only
            if (e.hasAttribute("wwnn") || e.hasAttribute("wwpn") || e.hasAttribute("parent")) {
                throw StorageXml.xmlError("Use of 'wwnn', 'wwpn', and 'parent' attributes requires use of the "
                        + "adapter 'type'");
            }
            if (StorageXml.first(e, "parentaddr") != null) {
                throw StorageXml.xmlError("Use of 'parentaddr' element requires use of the adapter 'type'");
            }
            String name = StorageXml.prop(e, "name");
            if (name == null) {
                return new PoolAdapter(AdapterType.DEFAULT, null, null, null, null, null, null, null, null, null,
                        null);
            }
            return scsiHost(name);
        }
        if (type == AdapterType.FC_HOST) {
            Boolean managed = StorageXml.yesNo(e, "managed");
            return new PoolAdapter(type, null, null, null, StorageXml.prop(e, "parent"),
                    StorageXml.prop(e, "parent_wwnn"), StorageXml.prop(e, "parent_wwpn"),
                    StorageXml.prop(e, "parent_fabric_wwn"), managed, StorageXml.prop(e, "wwnn"),
                    StorageXml.prop(e, "wwpn"));
        }
        String name = StorageXml.prop(e, "name");
        Integer uniqueId = null;
        PciAddress addr = null;
        if (StorageXml.first(e, "parentaddr") != null) {
            Element a = StorageXml.first(e, "parentaddr", "address");
            if (a == null) {
                throw StorageXml.xmlError("Missing scsi_host PCI address element");
            }
            addr = PciAddress.parse(a);
            String id = StorageXml.attrAt(e, "unique_id", "parentaddr");
            Long v = id == null ? null : StorageXml.strtol(id, 10, true);
            if (v == null || v < 0 || v > Integer.MAX_VALUE) {
                throw StorageXml.xmlError("Missing or invalid scsi adapter 'unique_id' value");
            }
            uniqueId = v.intValue();
        }
        return new PoolAdapter(type, name, uniqueId, addr, null, null, null, null, null, null, null);
    }

    /** libvirt's checks once the whole pool is read, for pool types that use an adapter. */
    void validate() {
        switch (type) {
            case DEFAULT -> throw StorageXml.xmlError("missing storage pool source adapter");
            case FC_HOST -> {
                if (wwnn == null || wwpn == null) {
                    throw StorageXml.xmlError("'wwnn' and 'wwpn' must be specified for adapter type 'fchost'");
                }
                checkWwn(wwnn);
                checkWwn(wwpn);
                if (parentWwnn != null && parentWwpn == null) {
                    throw StorageXml.xmlError("when providing parent_wwnn='" + parentWwnn
                            + "', the parent_wwpn must also be provided");
                }
                if (parentWwnn == null && parentWwpn != null) {
                    throw StorageXml.xmlError("when providing parent_wwpn='" + parentWwpn
                            + "', the parent_wwnn must also be provided");
                }
                if (parentWwnn != null) {
                    checkWwn(parentWwnn);
                }
                if (parentWwpn != null) {
                    checkWwn(parentWwpn);
                }
                if (parentFabricWwn != null) {
                    checkWwn(parentFabricWwn);
                }
            }
            case SCSI_HOST -> {
                if (name == null && parentAddress == null) {
                    throw StorageXml.xmlError("Either 'name' or 'parent' must be specified for the 'scsi_host' "
                            + "adapter");
                }
                if (name != null && parentAddress != null) {
                    throw StorageXml.xmlError("Both 'name' and 'parent' cannot be specified for the 'scsi_host' "
                            + "adapter");
                }
            }
        }
    }

    /** A world wide name: 16 hex digits, optionally after {@code 0x}. */
    private static void checkWwn(String wwn) {
        String p = wwn.startsWith("0x") ? wwn.substring(2) : wwn;
        if (!p.matches("[0-9a-fA-F]{16}")) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "internal error: Malformed wwn: " + wwn);
        }
    }

    /** Writes the adapter; only SCSI and FC hosts are written. */
    void format(XmlWriter w) {
        if (type == AdapterType.DEFAULT) {
            return;
        }
        w.open("adapter").attr("type", type.xml());
        if (type == AdapterType.FC_HOST) {
            w.attr("parent", parent).attr("parent_wwnn", parentWwnn).attr("parent_wwpn", parentWwpn)
                    .attr("parent_fabric_wwn", parentFabricWwn).yesNo("managed", managed)
                    .rawAttr("wwnn", String.valueOf(wwnn)).rawAttr("wwpn", String.valueOf(wwpn));
        } else if (name != null) {
            // libvirt writes the host name as given, without escaping
            w.rawAttr("name", name);
        } else {
            w.open("parentaddr").attr("unique_id", uniqueId);
            if (parentAddress != null) {
                parentAddress.format(w);
            }
            w.close();
        }
        w.close();
    }
}
