/**
 * libvirt's storage pool and storage volume XML ({@code storagepool.rng}, {@code storagevol.rng},
 * {@code storagecommon.rng}) as a typed model: {@link io.jvirt.conf.storage.StoragePoolDef} and
 * {@link io.jvirt.conf.storage.StorageVolDef} parse and format these documents exactly as libvirt
 * does. State that a driver fills in (pool capacity, volume key and path, ...) is carried by the
 * model but never invented by the parser.
 */
@Export
@Version("1.0.0")
package io.jvirt.conf.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
