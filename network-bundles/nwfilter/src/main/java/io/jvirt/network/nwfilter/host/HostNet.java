package io.jvirt.network.nwfilter.host;

import java.io.IOException;
import java.util.List;

import io.jvirt.network.firewall.CommandRunner;

/**
 * The network stack the driver filters: the JVM's own ({@link #system()}), or a network namespace
 * ({@link #netns(String)}, what tests use): where the firewall tools run, where a port device is
 * looked up and where packet sockets are opened.
 */
public interface HostNet {
    /** Runs ebtables, iptables and ip6tables here. */
    CommandRunner runner();

    /** The index of a network device, or -1 when there is none of that name. */
    int ifindex(String device);

    /** A packet socket on a device (to learn a guest's address from its traffic). */
    PacketSocket openPacketSocket(String device) throws IOException;

    /** Takes a device down (libvirt does when it cannot apply a learned address's rules). */
    default void setDown(String device) {
        runner().run(List.of("ip", "link", "set", "dev", device, "down"));
    }

    /** The JVM's network namespace. */
    static HostNet system() {
        return SystemHost.INSTANCE;
    }

    /** The network namespace {@code ip netns add NAME} made (its file under {@code /run/netns}). */
    static HostNet netns(String name) {
        return new NetnsHost(name);
    }
}
