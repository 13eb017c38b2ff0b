/**
 * libvirt's REMOTE program (0x20008086 v1), its QEMU and LXC programs and the KEEPALIVE
 * program: their structs as records and one declarative {@link io.jvirt.rpc.remote.Procedure} per procedure, from which the daemon's
 * dispatch and the remote driver's calls are both driven.
 */
@Export
@Version("1.1.0")
package io.jvirt.rpc.remote;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
