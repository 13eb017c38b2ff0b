/**
 * The firewall of jvirt's network and nwfilter drivers, as libvirt's virFirewall: rules are data
 * ({@link io.jvirt.network.firewall.Firewall}: transactions of {@link io.jvirt.network.firewall.Command}s
 * per {@link io.jvirt.network.firewall.Layer}), applied in order by a
 * {@link io.jvirt.network.firewall.CommandRunner}; a transaction that fails is rolled back, and what
 * was applied comes back as the firewall that removes it again.
 * <p>
 * Two backends, chosen by configuration ({@code firewall_backend}, as libvirt's {@code network.conf}):
 * {@link io.jvirt.network.firewall.Backend#IPTABLES} (libvirt 9.0's, the default: iptables, ip6tables,
 * ebtables) and {@link io.jvirt.network.firewall.Backend#NFTABLES} (libvirt 10.x's: nft). The rules of
 * a virtual network for either are {@link io.jvirt.network.firewall.NetworkRules};
 * {@link io.jvirt.network.firewall.NetworkFirewall} applies them with the global chains created once.
 */
@Export
@Version("1.0.0")
package io.jvirt.network.firewall;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
