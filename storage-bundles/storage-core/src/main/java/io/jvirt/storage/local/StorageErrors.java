package io.jvirt.storage.local;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * libvirt's errors of the storage domain with the text its error codes put before the detail
 * ({@code virErrorMsg}), so every message reads as virsh prints it for libvirtd.
 */
public final class StorageErrors {
    private StorageErrors() {
    }

    /** The error {@code code} with libvirt's wording around {@code detail}. */
    public static VirtException of(ErrorCode code, String detail) {
        return new VirtException(code, ErrorDomain.STORAGE, text(code, detail));
    }

    /** libvirt's message for {@code code} with {@code detail}. */
    public static String text(ErrorCode code, String detail) {
        return switch (code) {
            case INTERNAL_ERROR -> "internal error: " + detail;
            case NO_SUPPORT -> "this function is not supported by the connection driver: " + detail;
            case INVALID_ARG -> "invalid argument: " + detail;
            case OPERATION_FAILED -> "operation failed: " + detail;
            case OPERATION_INVALID -> "Requested operation is not valid: " + detail;
            case OPERATION_UNSUPPORTED -> "Operation not supported: " + detail;
            case ARGUMENT_UNSUPPORTED -> "argument unsupported: " + detail;
            case CONFIG_UNSUPPORTED -> "unsupported configuration: " + detail;
            case XML_ERROR -> "XML error: " + detail;
            case NO_STORAGE_POOL -> "Storage pool not found: " + detail;
            case NO_STORAGE_VOL -> "Storage volume not found: " + detail;
            case STORAGE_VOL_EXIST -> "storage volume " + detail + " exists already";
            case STORAGE_PROBE_FAILED -> "Storage pool probe failed: " + detail;
            case STORAGE_POOL_BUILT -> "Storage pool already built: " + detail;
            case NO_SECRET -> "Secret not found: " + detail;
            default -> detail;
        };
    }

    public static VirtException internal(String detail) {
        return of(ErrorCode.INTERNAL_ERROR, detail);
    }

    public static VirtException system(String what, String reason) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE, what + ": " + reason);
    }

    /** libvirt's {@code virCheckFlags}: unknown bits are refused in the function's name. */
    public static void checkFlags(int flags, int allowed, String function) {
        int unknown = flags & ~allowed;
        if (unknown != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.STORAGE,
                    "unsupported flags (0x" + Integer.toHexString(unknown) + ") in function " + function);
        }
    }
}
