/**
 * libvirt's RPC framing: a length word that counts itself, a 24-byte header (program, version,
 * procedure, type, serial, status) and an XDR payload.
 */
@Export
@Version("1.0.0")
package io.jvirt.rpc.packet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
