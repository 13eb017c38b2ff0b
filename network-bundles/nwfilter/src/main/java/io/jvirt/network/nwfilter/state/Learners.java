package io.jvirt.network.nwfilter.state;

import io.jvirt.conf.nwfilter.NWFilterBindingDef;

/** Who learns the addresses of guests that bindings do not give ({@code CTRL_IP_LEARNING}). */
public interface Learners extends AutoCloseable {
    /** Whether an address is being learned on the device of that index. */
    boolean pending(int ifindex);

    /** {@code any}: the first address the guest uses (ARP, IPv4) or a DHCP server gives it. */
    void learnAny(NWFilterBindingDef binding, int ifindex);

    /** {@code dhcp}: the addresses DHCP servers (those of {@code DHCPSERVER} if given) lease to it, as long as they last. */
    void snoopDhcp(NWFilterBindingDef binding, int ifindex);

    /** Stops learning on a device. */
    void end(String portDev);

    @Override
    void close();
}
