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

    /**
     * {@code VIR_ERR_SYSTEM_ERROR} from libvirt's file helpers ({@code VIR_FROM_NONE}): a file of the
     * driver's state could not be written or removed ({@link io.jvirt.driver.qemu.util.AtomicFiles.Failure}
     * words the message), e.g. {@code Failed to create file
     * '.../NAME.xml.new': File name too long} (libvirtd 9.0's answer to a 10,000-character name).
     */
    public static VirtException system(java.io.IOException e) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, e.getMessage(), e);
    }

    /**
     * The same for a failure of the driver's own file handling, with libvirt's wording of what failed
     * on which file and the errno text: {@code VIR_FROM_QEMU} for what libvirt's QEMU driver reports
     * itself (files of a starting guest), {@code VIR_FROM_NONE} for what its file helpers do.
     */
    public static VirtException system(ErrorDomain domain, String what, java.io.IOException e) {
        return system(domain, what, io.jvirt.driver.qemu.util.Errno.text(e));
    }

    /** The same for a failure found before the call that would fail, with that call's errno text. */
    public static VirtException system(ErrorDomain domain, String what, String errnoText) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, domain, what + ": " + errnoText);
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
