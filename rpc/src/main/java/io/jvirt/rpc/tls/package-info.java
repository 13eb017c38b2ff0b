/**
 * libvirt's x509 layout read with the JDK alone (PEM certificates and keys), shared by jvirtd's
 * TLS listener and the remote driver's TLS client.
 */
@Export
@Version("1.0.0")
package io.jvirt.rpc.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
