package io.jvirt.network.firewall;

/**
 * The layer a command changes (libvirt's virFirewallLayer), which names the tool of the iptables
 * backend and the family of the nftables one.
 */
public enum Layer {
    ETHERNET("ethernet", "ebtables", ""),
    IPV4("ipv4", "iptables", "ip"),
    IPV6("ipv6", "ip6tables", "ip6");

    private final String xml;
    private final String tool;
    private final String family;

    Layer(String xml, String tool, String family) {
        this.xml = xml;
        this.tool = tool;
        this.family = family;
    }

    /** The name libvirt gives the layer in a status file ({@code <action layer='ipv4'>}). */
    public String xml() {
        return xml;
    }

    /** The iptables backend's tool: {@code ebtables}, {@code iptables}, {@code ip6tables}. */
    public String tool() {
        return tool;
    }

    /** The nftables family of the layer: {@code ip}, {@code ip6} (none for ethernet). */
    public String family() {
        return family;
    }

    /** The layer of an XML name, or null. */
    public static Layer ofXml(String s) {
        for (Layer l : values()) {
            if (l.xml.equals(s)) {
                return l;
            }
        }
        return null;
    }
}
