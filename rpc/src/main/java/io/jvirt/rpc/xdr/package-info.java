/**
 * XDR (RFC 4506) as libvirt's RPC protocol uses it, with every length and count bounded before
 * anything is allocated, and codecs derived from Java records so that a protocol struct is
 * declared once.
 */
@Export
@Version("1.0.0")
package io.jvirt.rpc.xdr;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
