package io.jvirt.driver.lxc;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * The errors the LXC driver reports, with libvirt 9.0's LXC driver's codes, domains and wording
 * (measured with libvirt-python on the anchor's libvirtd, see {@code LxcErrorsTest}).
 */
public final class LxcErrors {
    private LxcErrors() {
    }

    public static VirtException unsupported(String what) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC, "unsupported configuration: " + what);
    }

    public static VirtException operationUnsupported(String what) {
        return new VirtException(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.LXC, "Operation not supported: " + what);
    }

    public static VirtException system(java.io.IOException e) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, e.getMessage(), e);
    }

    public static VirtException system(ErrorDomain domain, String what, String errnoText) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, domain, what + ": " + errnoText);
    }

    public static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.LXC, "internal error: " + message);
    }

    /** {@code VIR_ERR_OPERATION_INVALID} as the generic domain checks report it ({@code VIR_FROM_DOMAIN}). */
    public static VirtException operationInvalid(String message) {
        return new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                "Requested operation is not valid: " + message);
    }

    /** The same from the LXC driver itself ({@code VIR_FROM_LXC}). */
    public static VirtException lxcOperationInvalid(String message) {
        return new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.LXC,
                "Requested operation is not valid: " + message);
    }

    public static VirtException operationFailed(String message) {
        return new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.LXC, "operation failed: " + message);
    }

    public static VirtException invalidArg(String message) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.LXC, "invalid argument: " + message);
    }

    public static VirtException noDomain(String detail) {
        return new VirtException(ErrorCode.NO_DOMAIN, ErrorDomain.LXC, "Domain not found: " + detail);
    }

    public static VirtException notRunning() {
        return operationInvalid("domain is not running");
    }

    public static void checkFlags(int flags, int supported, String function) {
        if ((flags & ~supported) != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.LXC,
                    "unsupported flags (0x" + Integer.toHexString(flags & ~supported) + ") in function " + function);
        }
    }
}
