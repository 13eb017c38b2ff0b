/**
 * What the backends of local storage share, as libvirt's {@code storage_util.c}: commands as argv
 * lists ({@link io.jvirt.storage.local.Command}), the file facts the JDK does not give
 * ({@link io.jvirt.storage.local.Posix}: allocated blocks, {@code fallocate}, holes), image header
 * probing ({@link io.jvirt.storage.local.ImageProbe}), {@code qemu-img} command lines
 * ({@link io.jvirt.storage.local.QemuImg}), volumes that are files or block devices
 * ({@link io.jvirt.storage.local.LocalVolumes}), their streams, wiping, and mounts.
 */
@Export
@Version("1.0.0")
package io.jvirt.storage.local;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
