package io.jvirt.conf.domain;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * The errors of the domain parser, worded and numbered as libvirt's: most come from the domain
 * configuration code ({@code VIR_FROM_DOMAIN}); those about a single attribute's value come from
 * the XML helpers ({@code VIR_FROM_XML}).
 */
final class Errors {
    private Errors() {
    }

    static VirtException xml(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, "XML error: " + message);
    }

    /** An attribute value the XML helpers refuse. */
    static VirtException prop(String attr, String element, String value, String expected) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: Invalid value for attribute '"
                + attr + "' in element '" + element + "': '" + value + "'." + (expected == null ? "" : " "
                + expected));
    }

    static VirtException config(String message) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: " + message);
    }

    static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN, "internal error: " + message);
    }

    static VirtException detail(String message) {
        return new VirtException(ErrorCode.XML_DETAIL, ErrorDomain.DOMAIN, message);
    }

    static VirtException of(ErrorCode code, ErrorDomain domain, String message) {
        return new VirtException(code, domain, message);
    }
}
