/**
 * libvirt's stream messages, for both ends: the packets of type STREAM and STREAM_HOLE that follow
 * the call which opened a stream, with its procedure and serial.
 */
@Export
@Version("1.0.0")
package io.jvirt.rpc.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
