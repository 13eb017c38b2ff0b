package io.jvirt.network.dnsmasq;

import java.nio.file.Path;

/**
 * Where a network driver instance keeps dnsmasq's files (libvirt: {@code /var/lib/libvirt/dnsmasq}
 * and {@code /run/libvirt/network}). dnsmasq drops to user nobody and re-reads the hosts files
 * as nobody on SIGHUP: both directories and their parents must be searchable by everyone.
 *
 * @param stateDir configuration, hosts files, lease status files and the lease helper
 * @param pidDir   dnsmasq's pid files and jvirt's record of each process
 */
public record DnsmasqLayout(Path stateDir, Path pidDir) {
    public Path conf(String network) {
        return stateDir.resolve(network + ".conf");
    }

    public Path hostsFile(String network) {
        return stateDir.resolve(network + ".hostsfile");
    }

    public Path addnHosts(String network) {
        return stateDir.resolve(network + ".addnhosts");
    }

    /** The lease status of a bridge, kept by the lease helper (libvirt's {@code BRIDGE.status}). */
    public Path status(String bridge) {
        return stateDir.resolve(bridge + ".status");
    }

    /** The lease helper dnsmasq runs ({@code --dhcp-script}); it writes the status files beside itself. */
    public Path leaseHelper() {
        return stateDir.resolve("jvirt-leases");
    }

    public Path pidFile(String network) {
        return pidDir.resolve(network + ".pid");
    }

    /** jvirt's record of a started dnsmasq: pid, start time and configuration file. */
    public Path record(String network) {
        return pidDir.resolve(network + ".dnsmasq");
    }
}
