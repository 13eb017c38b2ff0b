package io.jvirt.spi;

import java.util.Objects;

import io.jvirt.api.VirtException;

/**
 * What {@link ConnectDriver#open} answers: SUCCESS with a connection, DECLINED (the URI is not for
 * this driver; the registry tries the next), or ERROR (the URI is for this driver but cannot be
 * opened; the registry stops with that error).
 */
public final class OpenResult {
    public enum Status {
        SUCCESS, DECLINED, ERROR
    }

    private static final OpenResult DECLINED = new OpenResult(Status.DECLINED, null, null);

    private final Status status;
    private final HypervisorDriver connection;
    private final VirtException error;

    private OpenResult(Status status, HypervisorDriver connection, VirtException error) {
        this.status = status;
        this.connection = connection;
        this.error = error;
    }

    public static OpenResult success(HypervisorDriver connection) {
        return new OpenResult(Status.SUCCESS, Objects.requireNonNull(connection, "connection"), null);
    }

    public static OpenResult declined() {
        return DECLINED;
    }

    public static OpenResult error(VirtException error) {
        return new OpenResult(Status.ERROR, null, Objects.requireNonNull(error, "error"));
    }

    public Status status() {
        return status;
    }

    /** The connection, for SUCCESS. */
    public HypervisorDriver connection() {
        return connection;
    }

    /** The error, for ERROR. */
    public VirtException error() {
        return error;
    }
}
