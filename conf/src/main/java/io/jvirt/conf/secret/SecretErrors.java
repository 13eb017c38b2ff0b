package io.jvirt.conf.secret;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** libvirt's errors for secret XML: domain {@code VIR_FROM_SECRET}, messages prefixed by code. */
final class SecretErrors {
    private SecretErrors() {
    }

    static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.SECRET, "internal error: " + message);
    }

    static VirtException xmlError(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.SECRET, "XML error: " + message);
    }

    static VirtException configUnsupported(String message) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.SECRET,
                "unsupported configuration: " + message);
    }

    static VirtException xmlDetail(String message) {
        return new VirtException(ErrorCode.XML_DETAIL, ErrorDomain.SECRET, message);
    }
}
