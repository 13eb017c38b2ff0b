package io.jvirt.network.firewall;

import io.jvirt.conf.network.ForwardMode;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.network.firewall.iptables.IptablesRules;
import io.jvirt.network.firewall.nftables.NftablesRules;

/**
 * The firewall of a virtual network for one backend, as libvirt makes it: the private global
 * chains every network's rules go into, and per network the DHCP/DNS openings, the reject rules
 * that isolate the bridge, and the forwarding and masquerading of its addresses.
 */
public interface NetworkRules {
    Backend backend();

    /**
     * Creates the global chains of a layer that are missing: a listing whose answer creates the
     * chains (and, for nft, the table) not there yet and links them into their parents.
     */
    Firewall globalChains(Layer layer);

    /** The rules of a network that starts, in one auto-rollback transaction (plus the ignorable checksum fix). */
    Firewall add(NetworkDef def);

    /**
     * The removal libvirt 9.0 computes from the definition when a network stops (iptables: every
     * rule with {@code --delete}, errors ignored); null for nftables, whose rules are removed by
     * handle with the firewall {@link Firewall#apply} returned.
     */
    Firewall remove(NetworkDef def);

    static NetworkRules of(Backend backend) {
        return backend == Backend.IPTABLES ? new IptablesRules() : new NftablesRules();
    }

    /** Whether a network of this definition has firewall rules: isolated, nat and route ones. */
    static boolean hasRules(NetworkDef def) {
        ForwardMode m = def.forward().mode();
        return m == ForwardMode.NONE || m == ForwardMode.NAT || m == ForwardMode.ROUTE;
    }
}
