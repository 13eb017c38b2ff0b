package io.jvirt.conf.nwfilter;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** libvirt's errors for nwfilter XML: domain {@code VIR_FROM_NWFILTER}, messages prefixed by code. */
final class NWFilterErrors {
    private NWFilterErrors() {
    }

    static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER, "internal error: " + message);
    }

    static VirtException invalidArg(String message) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NWFILTER, "invalid argument: " + message);
    }

    static VirtException configUnsupported(String message) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.NWFILTER,
                "unsupported configuration: " + message);
    }

    static VirtException xmlError(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.NWFILTER, "XML error: " + message);
    }
}
