/**
 * libvirt's network XML dialect ({@code network.rng}) as a typed model: {@link io.jvirt.conf.network.NetworkDef}
 * parses a {@code <network>} document the way libvirt 9.0.0's test driver does and formats it back the way
 * {@code virNetworkGetXMLDesc} prints it; {@link io.jvirt.conf.network.NetworkPortDef} does the same for a
 * network's ports ({@code networkport.rng}, as libvirtd 9.0's network driver).
 * <p>
 * libvirt 9.0.0 behaviour reproduced on purpose (all observed with {@code virsh -c test:///default}):
 * <ul>
 * <li>dropped: {@code <title>}, {@code <description>}, {@code <domain register>}, {@code <forwarder port>},
 * {@code <driver model>}, and the dnsmasq namespace (the test driver registers none; the network driver
 * does: {@code NetworkDef.parse(xml, true)});</li>
 * <li>{@code <ip>} is always printed as a start and an end tag, empty {@code <bandwidth>} too;</li>
 * <li>addresses are read like glibc's numeric getaddrinfo ({@code 10.1} is {@code 10.0.0.1}) and printed
 * like inet_ntop; DHCP host MAC addresses are kept as written, the bridge MAC is lower-cased;</li>
 * <li>some values are printed unescaped (domain name, port group name, DHCP host attributes, profile id);</li>
 * <li>messages as 9.0.0 words them, including "range A - B is reversed " (trailing space), "when  checking"
 * (two spaces) and an unexpanded {@code %s} in the forward dev/address/pf error;</li>
 * <li>metadata: first element per namespace, blank text dropped as libxml2 drops it, outer namespace
 * declarations moved onto {@code <metadata>}, printed by libxml2's rules.</li>
 * </ul>
 */
@Export
@Version("1.2.0")
package io.jvirt.conf.network;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
