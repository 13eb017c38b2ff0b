package io.jvirt.driver.test.state;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * The errors libvirt 9.0's test driver reports, with its codes, domains and wording (observed with
 * {@code virsh -c test:///default} and libvirt-python against {@code test:///default}).
 */
public final class Errors {
    private Errors() {
    }

    public static VirtException of(ErrorCode code, ErrorDomain domain, String message) {
        return new VirtException(code, domain, message);
    }

    /** {@code unsupported flags (0x400) in function testDomainGetXMLDesc} (INVALID_ARG, from TEST). */
    public static void checkFlags(int flags, int supported, String function) {
        if ((flags & ~supported) != 0) {
            throw of(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                    "unsupported flags (0x" + Integer.toHexString(flags & ~supported) + ") in function " + function);
        }
    }

    public static VirtException internal(String message) {
        return of(ErrorCode.INTERNAL_ERROR, ErrorDomain.TEST, "internal error: " + message);
    }

    /** {@code VIR_ERR_INTERNAL_ERROR} from another driver's error domain. */
    public static VirtException internal(ErrorDomain domain, String message) {
        return of(ErrorCode.INTERNAL_ERROR, domain, "internal error: " + message);
    }

    public static VirtException invalidArg(ErrorDomain domain, String message) {
        return of(ErrorCode.INVALID_ARG, domain, "invalid argument: " + message);
    }

    public static VirtException operationInvalid(ErrorDomain domain, String message) {
        return of(ErrorCode.OPERATION_INVALID, domain, "Requested operation is not valid: " + message);
    }

    public static VirtException operationFailed(ErrorDomain domain, String message) {
        return of(ErrorCode.OPERATION_FAILED, domain, "operation failed: " + message);
    }

    /** {@code virDomainObjCheckActive}'s error. */
    public static VirtException domainNotRunning() {
        return operationInvalid(ErrorDomain.DOMAIN, "domain is not running");
    }

    /** A lookup that found nothing: {@code Domain not found}. */
    public static VirtException noDomain() {
        return of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "Domain not found");
    }

    public static VirtException noDomain(String detail) {
        return of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "Domain not found: " + detail);
    }

    public static VirtException noNetwork(String detail) {
        return of(ErrorCode.NO_NETWORK, ErrorDomain.TEST, "Network not found: " + detail);
    }

    public static VirtException noPool(String detail) {
        return of(ErrorCode.NO_STORAGE_POOL, ErrorDomain.TEST, "Storage pool not found: " + detail);
    }

    public static VirtException noVol(String detail) {
        return of(ErrorCode.NO_STORAGE_VOL, ErrorDomain.TEST, "Storage volume not found: " + detail);
    }

    public static VirtException noNWFilter(String detail) {
        return of(ErrorCode.NO_NWFILTER, ErrorDomain.NWFILTER, "Network filter not found: " + detail);
    }
}
