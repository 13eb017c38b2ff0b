package io.jvirt.spi;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** The error of an API a driver does not implement. */
public final class Unsupported {
    private Unsupported() {
    }

    /**
     * {@code VIR_ERR_NO_SUPPORT} naming the public API, e.g. {@code virDomainGetInfo}, from the
     * error domain libvirt reports it in ({@link PublicApis#errorDomain}).
     */
    public static VirtException api(String api) {
        return new VirtException(ErrorCode.NO_SUPPORT, PublicApis.errorDomain(api),
                "this function is not supported by the connection driver: " + api);
    }
}
