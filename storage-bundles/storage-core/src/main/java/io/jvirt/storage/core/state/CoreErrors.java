package io.jvirt.storage.core.state;

import java.util.UUID;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.storage.local.StorageErrors;

/** The storage driver's own errors, worded as libvirt 9.0's storage driver words them. */
final class CoreErrors {
    private CoreErrors() {
    }

    static VirtException noPoolUuid(UUID uuid, String name) {
        return StorageErrors.of(ErrorCode.NO_STORAGE_POOL,
                "no storage pool with matching uuid '" + uuid + "'" + (name != null ? " (" + name + ")" : ""));
    }

    static VirtException noPoolName(String name) {
        return StorageErrors.of(ErrorCode.NO_STORAGE_POOL, "no storage pool with matching name '" + name + "'");
    }

    static VirtException noVolName(String name) {
        return StorageErrors.of(ErrorCode.NO_STORAGE_VOL, "no storage vol with matching name '" + name + "'");
    }

    static VirtException notActive(String pool) {
        return StorageErrors.of(ErrorCode.OPERATION_INVALID, "storage pool '" + pool + "' is not active");
    }

    static VirtException stillActive(String pool) {
        return StorageErrors.of(ErrorCode.OPERATION_INVALID, "storage pool '" + pool + "' is still active");
    }

    static VirtException alreadyActive(String pool) {
        return StorageErrors.of(ErrorCode.OPERATION_INVALID, "storage pool '" + pool + "' is already active");
    }

    static VirtException starting(String pool) {
        return StorageErrors.of(ErrorCode.OPERATION_INVALID, "storage pool '" + pool + "' is starting up");
    }

    static VirtException asyncJobs(String pool) {
        return StorageErrors.internal("pool '" + pool + "' has asynchronous jobs running.");
    }

    static VirtException inUse(String vol) {
        return StorageErrors.of(ErrorCode.OPERATION_INVALID, "volume '" + vol + "' is still in use.");
    }

    static VirtException building(String vol) {
        return StorageErrors.of(ErrorCode.OPERATION_INVALID, "volume '" + vol + "' is still being allocated.");
    }

    static VirtException noSupport(String what) {
        return StorageErrors.of(ErrorCode.NO_SUPPORT, what);
    }
}
