package io.jvirt.daemon.dispatch;

import java.util.Locale;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * Flag bits of a call that the API does not define. libvirtd passes them to the driver, whose
 * virCheckFlags refuses them in its own name ({@code unsupported flags (0x40000000) in function
 * testDomainGetXMLDesc}, from the TEST domain); jvirt's typed API cannot carry unknown bits, so the
 * daemon refuses them and the dispatcher words the error as the connection's driver would.
 */
public final class UnknownFlags extends VirtException {
    private static final long serialVersionUID = 1L;

    private final int bits;
    private final String api;

    public UnknownFlags(int bits, String api) {
        super(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                "invalid argument: unsupported flags (0x" + Integer.toHexString(bits) + ") in function " + api);
        this.bits = bits;
        this.api = api;
    }

    /** The error as the driver behind {@code connect} reports it, e.g. test + DomainGetXMLDesc. */
    VirtException asDriverError(Connect connect) {
        String driver;
        try {
            driver = connect.getType().toLowerCase(Locale.ROOT);
        } catch (VirtException | UnsupportedOperationException e) {
            return this;
        }
        ErrorDomain domain;
        try {
            domain = ErrorDomain.valueOf(driver.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            domain = ErrorDomain.NONE;
        }
        return new VirtException(ErrorCode.INVALID_ARG, domain, "unsupported flags (0x" + Integer.toHexString(bits)
                + ") in function " + driver + api.substring(api.startsWith("vir") ? 3 : 0));
    }
}
