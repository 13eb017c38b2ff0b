package io.jvirt.network.firewall;

import io.jvirt.api.VirtException;
import io.jvirt.conf.network.NetworkDef;

/**
 * The firewall side of starting and stopping virtual networks, as libvirt's network driver does it
 * on Linux: the global chains are set up once per instance, before the first network that needs
 * rules (never at start-up with no network running: rules load conntrack, which slows the host),
 * for IPv4 and IPv6 separately; a layer whose setup failed fails only the networks that use it,
 * with the setup's error.
 */
public final class NetworkFirewall {
    private final NetworkRules rules;
    private final CommandRunner runner;
    private boolean chainsDone;
    private VirtException errorV4;
    private VirtException errorV6;

    public NetworkFirewall(Backend backend, CommandRunner runner) {
        this.rules = NetworkRules.of(backend);
        this.runner = runner;
    }

    public Backend backend() {
        return rules.backend();
    }

    public NetworkRules rules() {
        return rules;
    }

    /**
     * Creates the missing global chains of both layers: once, or again when {@code force} (a
     * reload, when another program may have flushed them).
     */
    public synchronized void setupGlobalChains(boolean force) {
        if (chainsDone && !force) {
            return;
        }
        errorV4 = setup(Layer.IPV4);
        errorV6 = setup(Layer.IPV6);
        chainsDone = true;
    }

    private VirtException setup(Layer layer) {
        try {
            rules.globalChains(layer).apply(runner);
            return null;
        } catch (VirtException e) {
            return e;
        }
    }

    /**
     * Adds the rules of a network that starts (isolated, nat or route; others get none), setting up
     * the global chains first if this instance has not yet.
     *
     * @return the firewall that removes them again (keep it with the network's status)
     */
    public Firewall add(NetworkDef def) {
        if (!NetworkRules.hasRules(def)) {
            return Firewall.builder(backend()).build();
        }
        VirtException v4;
        VirtException v6;
        synchronized (this) {
            setupGlobalChains(false);
            v4 = errorV4;
            v6 = errorV6;
        }
        boolean ipv4 = def.ips().stream().anyMatch(ip -> !ip.address().v6())
                || def.routes().stream().anyMatch(r -> !r.address().v6());
        boolean ipv6 = def.ips().stream().anyMatch(ip -> ip.address().v6())
                || def.routes().stream().anyMatch(r -> r.address().v6()) || def.ipv6();
        if (v4 != null && ipv4) {
            throw v4;
        }
        if (v6 != null && ipv6) {
            throw v6;
        }
        return rules.add(def).apply(runner);
    }

    /**
     * Removes a network's rules: with the firewall {@link #add} returned when there is one, else
     * (a network started before jvirt kept removals, iptables only) as libvirt 9.0 does, from the
     * definition. Errors are ignored: a rule that is gone already is fine.
     */
    public void remove(NetworkDef def, Firewall removal) {
        if (removal != null) {
            removal.apply(runner);
            return;
        }
        if (!NetworkRules.hasRules(def)) {
            return;
        }
        Firewall fw = rules.remove(def);
        if (fw != null) {
            fw.apply(runner);
        }
    }
}
