package io.jvirt.network.nwfilter.state;

import io.jvirt.conf.nwfilter.NWFilterBindingDef;
import io.jvirt.network.firewall.Firewall;
import io.jvirt.network.nwfilter.host.HostNet;

/**
 * What a learner needs from its instance: the host, the learned addresses, applying firewalls
 * (under the instance's update lock) and the late instantiation of a binding once its address is
 * known.
 */
public interface Late {
    HostNet host();

    IpAddressMap addresses();

    /** Applies firewalls in order under the update lock. */
    void apply(Firewall... firewalls);

    /**
     * Instantiates the binding's filter now that an address was learned (libvirt's
     * virNWFilterInstantiateFilterLate); on failure takes the device down.
     */
    void instantiateLate(NWFilterBindingDef binding, int ifindex);
}
