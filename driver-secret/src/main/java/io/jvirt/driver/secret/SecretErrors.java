package io.jvirt.driver.secret;

import java.util.UUID;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** The errors the secret driver reports, with libvirt 9.0's codes, domains and wording. */
public final class SecretErrors {
    private SecretErrors() {
    }

    public static VirtException noSuchUuid(UUID uuid) {
        return new VirtException(ErrorCode.NO_SECRET, ErrorDomain.SECRET,
                "Secret not found: no secret with matching uuid '" + uuid + "'");
    }

    public static VirtException noSuchUsage(String usageId) {
        return new VirtException(ErrorCode.NO_SECRET, ErrorDomain.SECRET,
                "Secret not found: no secret with matching usage '" + usageId + "'");
    }

    public static VirtException noValue(UUID uuid) {
        return new VirtException(ErrorCode.NO_SECRET, ErrorDomain.SECRET,
                "Secret not found: secret '" + uuid + "' does not have a value");
    }

    public static VirtException isPrivate() {
        return new VirtException(ErrorCode.INVALID_SECRET, ErrorDomain.SECRET, "Invalid secret: secret is private");
    }

    public static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.SECRET, "internal error: " + message);
    }

    /** libvirt's virCheckFlags, in the name of the driver function that refuses the bits. */
    public static VirtException unsupportedFlags(int bits, String function) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.SECRET,
                "unsupported flags (0x" + Integer.toHexString(bits) + ") in function " + function);
    }

    /** A failed file operation, worded as libvirt's virReportSystemError (message, then the OS's reason). */
    public static VirtException system(String message, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof java.nio.file.AccessDeniedException) {
            reason = "Permission denied";
        } else if (cause instanceof java.nio.file.NoSuchFileException) {
            reason = "No such file or directory";
        }
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.SECRET, message + ": " + reason, cause);
    }
}
