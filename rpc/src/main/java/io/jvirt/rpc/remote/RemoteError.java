package io.jvirt.rpc.remote;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.ErrorLevel;
import io.jvirt.api.VirtException;
import io.jvirt.rpc.remote.RemoteTypes.RemoteDomain;
import io.jvirt.rpc.remote.RemoteTypes.RemoteNetwork;
import io.jvirt.rpc.xdr.Xdr.Opt;

/**
 * {@code remote_error}: the payload of a reply with status ERROR. Carries libvirt's numbers so
 * that virsh prints libvirt's text for it.
 */
public record RemoteError(int code, int domain, @Opt String message, int level, @Opt RemoteDomain dom,
        @Opt String str1, @Opt String str2, @Opt String str3, int int1, int int2, @Opt RemoteNetwork net) {

    public static RemoteError of(VirtException e) {
        return new RemoteError(e.code().value(), e.domain().value(), e.getMessage(), e.level().value(), null,
                e.str1(), e.str2(), e.str3(), e.int1(), e.int2(), null);
    }

    /** The exception on the client side; numbers this library does not know map to INTERNAL_ERROR / NONE. */
    public VirtException toException() {
        ErrorCode c = ErrorCode.fromValue(code);
        ErrorDomain d = ErrorDomain.fromValue(domain);
        return new VirtException(c != null ? c : ErrorCode.INTERNAL_ERROR, d != null ? d : ErrorDomain.NONE,
                ErrorLevel.fromValue(level), message, str1, str2, str3, int1, int2, null);
    }
}
