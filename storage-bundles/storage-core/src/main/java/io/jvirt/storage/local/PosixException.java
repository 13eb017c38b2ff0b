package io.jvirt.storage.local;

/**
 * A failed C library call: its errno, and what was being done in libvirt's words ("cannot open
 * volume '/p/v'"), so that {@link #toVirt()} words it as libvirt's {@code virReportSystemError}.
 */
public final class PosixException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String what;

    public PosixException(int errno, String what) {
        super(what + ": " + Posix.message(errno), null, false, false);
        this.errno = errno;
        this.what = what;
    }

    public int errno() {
        return errno;
    }

    public String what() {
        return what;
    }

    /** {@code VIR_ERR_SYSTEM_ERROR} in the storage domain: "WHAT: STRERROR". */
    public io.jvirt.api.VirtException toVirt() {
        return new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.SYSTEM_ERROR,
                io.jvirt.api.ErrorDomain.STORAGE, getMessage());
    }
}
