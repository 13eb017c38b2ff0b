package io.jvirt.conf.network;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** The errors of the network dialect, worded and numbered as libvirt reports them. */
final class NetErrors {
    private NetErrors() {
    }

    static VirtException xml(ErrorDomain domain, String message) {
        return new VirtException(ErrorCode.XML_ERROR, domain, "XML error: " + message);
    }

    /** {@code VIR_ERR_XML_ERROR} from the network code itself. */
    static VirtException xml(String message) {
        return xml(ErrorDomain.NETWORK, message);
    }

    /** {@code VIR_ERR_XML_DETAIL}: the message is printed without a prefix. */
    static VirtException detail(ErrorDomain domain, String message) {
        return new VirtException(ErrorCode.XML_DETAIL, domain, message);
    }

    static VirtException detail(String message) {
        return detail(ErrorDomain.NETWORK, message);
    }

    static VirtException unsupported(ErrorDomain domain, String message) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, domain, "unsupported configuration: " + message);
    }

    static VirtException unsupported(String message) {
        return unsupported(ErrorDomain.NETWORK, message);
    }

    static VirtException internal(ErrorDomain domain, String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, domain, "internal error: " + message);
    }

    static VirtException internal(String message) {
        return internal(ErrorDomain.NETWORK, message);
    }

    static VirtException invalidArg(ErrorDomain domain, String message) {
        return new VirtException(ErrorCode.INVALID_ARG, domain, "invalid argument: " + message);
    }

    /** virSocketAddrParse's failure: getaddrinfo's message, code VIR_ERR_SYSTEM_ERROR. */
    static VirtException cannotParseAddress(String value) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE,
                "Cannot parse socket address '" + value + "': Name or service not known");
    }
}
