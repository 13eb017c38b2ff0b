/**
 * The pool backend SPI of the storage driver: what a backend bundle implements, one
 * {@link io.jvirt.storage.backend.StorageBackend} service per pool type (libvirt's
 * {@code virStorageBackend}). The storage core keeps every pool's state (definitions, status,
 * volumes, accounting, events) and calls a backend only to act on the host; backends keep no state,
 * so a backend bundle can be updated or stopped while its pools stay active and mounted, and a
 * backend that arrives later serves the pools of its type.
 */
@Export
@Version("1.0.0")
package io.jvirt.storage.backend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
