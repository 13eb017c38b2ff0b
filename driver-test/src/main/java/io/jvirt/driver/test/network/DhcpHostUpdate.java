package io.jvirt.driver.test.network;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.driver.test.state.Errors;

/**
 * {@code virNetworkUpdate} of the {@code ip-dhcp-host} section: adds (first or last), modifies (by
 * MAC) or deletes a {@code <host>} of an {@code <ip><dhcp>}, on the formatted definition, which is
 * then parsed again (virsh -c test:///default net-update default add ip-dhcp-host ...).
 */
final class DhcpHostUpdate {
    static final int MODIFY = 1;
    static final int DELETE = 2;
    static final int ADD_LAST = 3;
    static final int ADD_FIRST = 4;

    private record Host(String mac, String name, String ip) {
        String xml() {
            StringBuilder b = new StringBuilder("<host");
            if (mac != null) {
                b.append(" mac='").append(mac).append('\'');
            }
            if (name != null) {
                b.append(" name='").append(name).append('\'');
            }
            if (ip != null) {
                b.append(" ip='").append(ip).append('\'');
            }
            return b.append("/>").toString();
        }

        boolean clashes(Host o) {
            return (mac != null && mac.equalsIgnoreCase(o.mac)) || (name != null && name.equals(o.name))
                    || (ip != null && ip.equals(o.ip));
        }
    }

    private DhcpHostUpdate() {
    }

    private static Host parse(String xml) {
        Element e = SecureXml.parse(xml, "host", "network_update");
        return new Host(attr(e, "mac"), attr(e, "name"), attr(e, "ip"));
    }

    private static String attr(Element e, String n) {
        return e.hasAttribute(n) ? e.getAttribute(n) : null;
    }

    static NetworkDef apply(NetworkDef def, int command, int parentIndex, String xml) {
        Host host = parse(xml);
        List<String> lines = new ArrayList<>(List.of(def.format().split("\n")));
        int ipSeen = -1;
        int dhcpStart = -1;
        int dhcpEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("  <ip ")) {
                ipSeen++;
            } else if (l.equals("    <dhcp>") && (parentIndex < 0 || parentIndex == ipSeen) && dhcpStart < 0) {
                dhcpStart = i;
            } else if (l.equals("    </dhcp>") && dhcpStart >= 0 && dhcpEnd < 0) {
                dhcpEnd = i;
            }
        }
        if (dhcpStart < 0 || dhcpEnd < 0) {
            throw Errors.of(ErrorCode.OPERATION_INVALID, ErrorDomain.NETWORK,
                    "Requested operation is not valid: no <dhcp> to update in network '" + def.name() + "'");
        }
        List<Integer> hostLines = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        for (int i = dhcpStart + 1; i < dhcpEnd; i++) {
            if (lines.get(i).startsWith("      <host ")) {
                hostLines.add(i);
                hosts.add(parse(lines.get(i).strip()));
            }
        }
        String line = "      " + host.xml();
        switch (command) {
            case ADD_LAST, ADD_FIRST -> {
                for (Host h : hosts) {
                    if (h.clashes(host)) {
                        throw Errors.operationInvalid(ErrorDomain.TEST, ("there is an existing dhcp host entry in network '"
                                + def.name() + "' that matches \"<host mac='" + h.mac + "' name='" + h.name + "' ip='"
                                + h.ip + "'/>\"").replace("'null'", "'(null)'"));
                    }
                }
                int at = command == ADD_LAST || hostLines.isEmpty() ? dhcpEnd : hostLines.get(0);
                lines.add(at, line);
            }
            case MODIFY, DELETE -> {
                int found = -1;
                for (int i = 0; i < hosts.size(); i++) {
                    Host h = hosts.get(i);
                    boolean match = host.mac != null ? host.mac.equalsIgnoreCase(h.mac)
                            : host.name != null ? host.name.equals(h.name) : host.ip != null && host.ip.equals(h.ip);
                    if (match) {
                        found = hostLines.get(i);
                        break;
                    }
                }
                if (found < 0) {
                    throw Errors.operationInvalid(ErrorDomain.TEST, ("couldn't locate an existing dhcp host entry with "
                            + "\"mac='" + host.mac + "'\" \"name='" + host.name + "'\" \"ip='" + host.ip
                            + "'\" in network '" + def.name() + "'").replace("'null'", "'(null)'"));
                }
                if (command == DELETE) {
                    lines.remove(found);
                } else {
                    lines.set(found, line);
                }
            }
            default -> throw Errors.invalidArg(ErrorDomain.TEST, "unrecognized network update command code " + command);
        }
        return NetworkDef.parse(String.join("\n", lines) + "\n");
    }
}
