/**
 * dnsmasq for jvirt's virtual networks, as libvirt's network driver runs it: the configuration
 * file and the DHCP hosts and DNS hosts files of a network ({@link io.jvirt.network.dnsmasq.DnsmasqConfig},
 * libvirt 9.0's directives), Debian's dnsmasq started, recognised again by pid and start time,
 * refreshed with SIGHUP and stopped ({@link io.jvirt.network.dnsmasq.Dnsmasq}), and the lease helper
 * ({@code --dhcp-script}) that keeps the lease status {@code net-dhcp-leases} reads
 * ({@link io.jvirt.network.dnsmasq.Lease}).
 */
@Export
@Version("1.0.0")
package io.jvirt.network.dnsmasq;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
