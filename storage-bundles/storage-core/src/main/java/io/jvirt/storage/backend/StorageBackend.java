package io.jvirt.storage.backend;

import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.spi.StreamDriver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A pool type's backend, libvirt's {@code virStorageBackend}: registered as an OSGi service with the
 * property {@value #POOL_TYPE} naming the type it serves ({@code dir}, {@code fs}, {@code netfs},
 * {@code logical}, {@code disk}, ...). The storage core calls it with the pool's state in a
 * {@link PoolContext} and keeps what it returns; a backend keeps nothing between calls.
 * <p>
 * Every operation a backend does not override fails with {@link BackendUnsupported}, which the core
 * reports as libvirt does for a backend that lacks the operation ("storage pool does not support
 * volume creation", ...). Failures are {@link io.jvirt.api.VirtException}s with libvirt's codes and
 * messages. Calls may block (commands, I/O); the core never holds a lock another pool needs while
 * a backend works.
 */
@ConsumerType
public interface StorageBackend {
    /** The service property (String) naming the pool type a backend serves. */
    String POOL_TYPE = "jvirt.storage.pool.type";

    /** {@code virConnectFindStoragePoolSources}: a {@code <sources>} document. */
    default String findPoolSources(String srcSpec, int flags) {
        throw new BackendUnsupported();
    }

    /** Whether the pool is active on the host (after a restart of the core, for pools it had active). */
    default boolean checkPool(PoolContext pool) {
        return false;
    }

    /** Makes the pool's storage usable (mount, activate a volume group); the default does nothing. */
    default void startPool(PoolContext pool) {
    }

    /** {@code virStoragePoolBuild} with libvirt's build flags; the default does nothing. */
    default void buildPool(PoolContext pool, int flags) {
    }

    /** The pool as it is now: sizes (and what else the backend learns) and its volumes. Required. */
    PoolRefresh refreshPool(PoolContext pool);

    /** Undoes {@link #startPool} (unmount, deactivate); the default does nothing. */
    default void stopPool(PoolContext pool) {
    }

    /** {@code virStoragePoolDelete}: removes the pool's storage. */
    default void deletePool(PoolContext pool, int flags) {
        throw new BackendUnsupported();
    }

    /**
     * Whether {@link #buildVol} allocates volumes. A backend without it needs a capacity in every
     * new volume's XML, as libvirt's backends without {@code buildVol}.
     */
    default boolean buildsVolumes() {
        return true;
    }

    /**
     * Whether creating or deleting a volume changes the pool in ways only a refresh tells (a
     * partition table): the core then refreshes the whole pool instead of accounting for the volume.
     */
    default boolean refreshesPoolOnVolumeChange() {
        return false;
    }

    /** Names a new volume (type, path, key) without creating anything; returns the definition to keep. */
    default StorageVolDef createVol(PoolContext pool, StorageVolDef vol) {
        throw new BackendUnsupported();
    }

    /**
     * Allocates a volume named by {@link #createVol}; on failure it removes what it created. Called
     * without the pool's lock: the volume is marked as being built meanwhile.
     */
    default void buildVol(PoolContext pool, StorageVolDef vol, int flags) {
        throw new BackendUnsupported();
    }

    /** Allocates a volume named by {@link #createVol} with the contents of {@code input} (of any pool). */
    default void buildVolFrom(PoolContext pool, StorageVolDef vol, StorageVolDef input, int flags) {
        throw new BackendUnsupported();
    }

    /** The volume as it is now (sizes, permissions, times); the default returns it unchanged. */
    default StorageVolDef refreshVol(PoolContext pool, StorageVolDef vol) {
        return vol;
    }

    default void deleteVol(PoolContext pool, StorageVolDef vol, int flags) {
        throw new BackendUnsupported();
    }

    /** Resizes to {@code capacity} bytes (flags ALLOCATE, SHRINK; the core has resolved DELTA). */
    default void resizeVol(PoolContext pool, StorageVolDef vol, long capacity, int flags) {
        throw new BackendUnsupported();
    }

    /** The data source of a download: the volume's bytes from {@code offset}, {@code length} of them (0: to the end). */
    default StreamDriver downloadVol(PoolContext pool, StorageVolDef vol, long offset, long length, int flags) {
        throw new BackendUnsupported();
    }

    /** The data sink of an upload into the volume from {@code offset}, at most {@code length} bytes (0: no limit). */
    default StreamDriver uploadVol(PoolContext pool, StorageVolDef vol, long offset, long length, int flags) {
        throw new BackendUnsupported();
    }

    /** Overwrites the volume's data with libvirt's {@code virStorageVolWipeAlgorithm} number {@code algorithm}. */
    default void wipeVol(PoolContext pool, StorageVolDef vol, int algorithm, int flags) {
        throw new BackendUnsupported();
    }

    /**
     * The volume after a wipe, for backends whose volumes are files libvirt probes again (the header
     * a wipe destroyed changes the format); the default is {@link #refreshVol}.
     */
    default StorageVolDef afterWipe(PoolContext pool, StorageVolDef vol) {
        return refreshVol(pool, vol);
    }
}
