package io.jvirt.storage.backend;

/**
 * Thrown by the {@link StorageBackend} operations a backend does not implement; the core reports
 * libvirt's error for the missing operation, as libvirt does for a NULL backend entry.
 */
public final class BackendUnsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnsupported() {
        super(null, null, false, false);
    }
}
