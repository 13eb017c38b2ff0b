package io.jvirt.storage.backend;

import java.nio.file.Path;
import java.util.Optional;

import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StorageVolDef;

import org.osgi.annotation.versioning.ProviderType;

/** A pool as the core hands it to its backend for one call. */
@ProviderType
public interface PoolContext {
    /** The pool's definition as it is now (the live one of an active pool). */
    StoragePoolDef def();

    /** A volume the pool has now, by name. */
    Optional<StorageVolDef> volume(String name);

    /** A private directory of the pool's driver state for short-lived files (a secret handed to qemu-img). */
    Path runDir();

    /** Where the keys of encrypted volumes come from (libvirt's secret driver). */
    VolumeSecrets secrets();

    /**
     * Adjusts the pool's definition in use, as libvirt's backends do with the defaults they apply
     * when they start or check a pool (a disk pool's unknown label becomes dos); it stays even when
     * the call fails, as in libvirt.
     */
    void update(StoragePoolDef def);
}
