package io.jvirt.rpc.xdr;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** Malformed or out-of-bounds XDR: libvirt's {@code VIR_ERR_RPC}; the peer that sent it is dropped. */
public final class XdrException extends VirtException {
    private static final long serialVersionUID = 1L;

    public XdrException(String message) {
        super(ErrorCode.RPC, ErrorDomain.RPC, message);
    }
}
