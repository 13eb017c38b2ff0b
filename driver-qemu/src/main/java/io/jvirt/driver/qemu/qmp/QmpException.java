package io.jvirt.driver.qemu.qmp;

/** A QMP command answered with an error, or a monitor that is gone. */
public final class QmpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorClass;

    public QmpException(String errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    public QmpException(String message, Throwable cause) {
        super(message, cause);
        this.errorClass = null;
    }

    /** QMP's error class (e.g. {@code GenericError}, {@code CommandNotFound}); null when the monitor failed. */
    public String errorClass() {
        return errorClass;
    }
}
