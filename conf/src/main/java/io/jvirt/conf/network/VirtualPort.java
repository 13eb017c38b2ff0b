package io.jvirt.conf.network;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <virtualport>}: the port profile of an 802.1Qbg/802.1Qbh switch, Open vSwitch or MidoNet.
 * Parameters that the type does not use are refused; a port group's virtualport may leave the type out.
 *
 * @param type null when no type was given (port groups only)
 */
public record VirtualPort(Type type, Integer managerId, Integer typeId, Integer typeIdVersion, String instanceId,
        String profileId, String interfaceId) {
    /** The {@code type} attribute. */
    public enum Type {
        QBG("802.1Qbg"), QBH("802.1Qbh"), OPENVSWITCH("openvswitch"), MIDONET("midonet");

        private final String xml;

        Type(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }

        static Type of(String s) {
            for (Type t : values()) {
                if (t.xml.equals(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** libvirt's IFLA_VF_PORT_PROFILE_MAX: a profile id must be shorter. */
    private static final int PROFILE_MAX = 40;

    static VirtualPort parse(Element e, boolean requireType) {
        String typeStr = NetXml.prop(e, "type");
        Type type = null;
        if (typeStr != null) {
            type = Type.of(typeStr);
            if (type == null) {
                throw NetErrors.unsupported(ErrorDomain.NONE, "unknown virtualport type " + typeStr);
            }
        }
        if (type == null && requireType) {
            throw NetErrors.xml(ErrorDomain.NONE, "missing required virtualport type");
        }
        Element params = null;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && NetXml.localName(c).equals("parameters")) {
                params = c;
                break;
            }
        }
        String managerStr = NetXml.prop(params, "managerid");
        String typeIdStr = NetXml.prop(params, "typeid");
        String versionStr = NetXml.prop(params, "typeidversion");
        String instanceStr = NetXml.prop(params, "instanceid");
        String profile = NetXml.prop(params, "profileid");
        String interfaceStr = NetXml.prop(params, "interfaceid");
        Integer manager = null;
        if (managerStr != null) {
            Long v = NetXml.strToUi(managerStr, 0);
            if (v == null) {
                throw NetErrors.xml(ErrorDomain.NONE, "cannot parse value of managerid parameter");
            }
            if (v > 0xff) {
                throw NetErrors.xml(ErrorDomain.NONE, "value of managerid out of range");
            }
            manager = v.intValue();
        }
        Integer typeId = null;
        if (typeIdStr != null) {
            Long v = NetXml.strToUi(typeIdStr, 0);
            if (v == null) {
                throw NetErrors.xml(ErrorDomain.NONE, "cannot parse value of typeid parameter");
            }
            if (v > 0xffffff) {
                throw NetErrors.xml(ErrorDomain.NONE, "value for typeid out of range");
            }
            typeId = v.intValue();
        }
        Integer version = null;
        if (versionStr != null) {
            Long v = NetXml.strToUi(versionStr, 0);
            if (v == null) {
                throw NetErrors.xml(ErrorDomain.NONE, "cannot parse value of typeidversion parameter");
            }
            if (v > 0xff) {
                throw NetErrors.xml(ErrorDomain.NONE, "value of typeidversion out of range");
            }
            version = v.intValue();
        }
        String instance = null;
        if (instanceStr != null) {
            java.util.UUID u = io.jvirt.conf.xml.UuidText.parse(instanceStr);
            instance = u == null ? null : u.toString();
            if (instance == null) {
                throw NetErrors.xml(ErrorDomain.NONE, "cannot parse instanceid parameter as a uuid");
            }
        }
        if (profile != null && profile.length() >= PROFILE_MAX) {
            throw NetErrors.xml(ErrorDomain.NONE, "profileid parameter too long");
        }
        if (profile != null && profile.isEmpty()) {
            profile = null;
        }
        String iface = null;
        if (interfaceStr != null) {
            java.util.UUID u = io.jvirt.conf.xml.UuidText.parse(interfaceStr);
            iface = u == null ? null : u.toString();
            if (iface == null) {
                throw NetErrors.xml(ErrorDomain.NONE, "cannot parse interfaceid parameter as a uuid");
            }
        }
        VirtualPort vp = new VirtualPort(type, manager, typeId, version, instance, profile, iface);
        vp.checkNoExtras();
        return vp;
    }

    private void checkNoExtras() {
        if (type == null) {
            return;
        }
        String extra = switch (type) {
            case QBG -> profileId != null ? "profileid" : interfaceId != null ? "interfaceid" : null;
            case QBH -> managerId != null ? "managerid" : typeId != null ? "typeid"
                    : typeIdVersion != null ? "typeidversion" : instanceId != null ? "instanceid"
                    : interfaceId != null ? "interfaceid" : null;
            case OPENVSWITCH -> managerId != null ? "managerid" : typeId != null ? "typeid"
                    : typeIdVersion != null ? "typeidversion" : instanceId != null ? "instanceid" : null;
            // libvirt 9.0.0 checks nothing for MidoNet (and prints only its interface id)
            case MIDONET -> null;
        };
        if (extra != null) {
            throw NetErrors.xml(ErrorDomain.NET, "extra " + extra + " unsupported in <virtualport type='"
                    + type.xml() + "'>");
        }
    }

    void format(XmlWriter w) {
        boolean noParameters = managerId == null && typeId == null && typeIdVersion == null && instanceId == null
                && profileId == null && interfaceId == null;
        if (type == null && noParameters) {
            return;
        }
        w.open("virtualport");
        if (type != null) {
            w.attr("type", type.xml());
        }
        if (!noParameters) {
            boolean qbg = type == null || type == Type.QBG;
            w.open("parameters");
            if (managerId != null && qbg) {
                w.attr("managerid", managerId);
            }
            if (typeId != null && qbg) {
                w.attr("typeid", typeId);
            }
            if (typeIdVersion != null && qbg) {
                w.attr("typeidversion", typeIdVersion);
            }
            if (instanceId != null && qbg) {
                w.attr("instanceid", instanceId);
            }
            if (interfaceId != null
                    && (type == null || type == Type.MIDONET || type == Type.OPENVSWITCH)) {
                w.attr("interfaceid", interfaceId);
            }
            if (profileId != null && (type == null || type == Type.OPENVSWITCH || type == Type.QBH)) {
                w.rawAttr("profileid", profileId);
            }
            w.close();
        }
        w.close();
    }
}
