/**
 * libvirt's network XML dialect ({@code network.rng}) as a typed model: {@link io.jvirt.conf.network.NetworkDef}
 * parses a {@code <network>} document the way libvirt 9.0.0's test driver does and formats it back the way
 * {@code virNetworkGetXMLDesc} prints it.
 */
@Export
@Version("1.0.0")
package io.jvirt.conf.network;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
