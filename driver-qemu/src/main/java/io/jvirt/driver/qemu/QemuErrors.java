package io.jvirt.driver.qemu;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** The errors the QEMU driver reports, with libvirt's codes and wording. */
public final class QemuErrors {
    private QemuErrors() {
    }

    /** {@code VIR_ERR_CONFIG_UNSUPPORTED}: a configuration this driver cannot run, naming what. */
    public static VirtException unsupported(String what) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                "unsupported configuration: " + what);
    }

    public static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "internal error: " + message);
    }

    public static VirtException operationInvalid(String message) {
        return new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                "Requested operation is not valid: " + message);
    }

    public static VirtException operationFailed(String message) {
        return new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "operation failed: " + message);
    }

    public static VirtException invalidArg(String message) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.QEMU, "invalid argument: " + message);
    }

    public static VirtException noDomain(String detail) {
        return new VirtException(ErrorCode.NO_DOMAIN, ErrorDomain.QEMU, "Domain not found: " + detail);
    }

    public static VirtException notRunning() {
        return operationInvalid("domain is not running");
    }

    public static void checkFlags(int flags, int supported, String function) {
        if ((flags & ~supported) != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                    "unsupported flags (0x" + Integer.toHexString(flags & ~supported) + ") in function " + function);
        }
    }
}
