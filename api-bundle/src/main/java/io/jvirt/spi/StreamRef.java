package io.jvirt.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's stream as a driver sees it when an API that streams is called: the driver binds
 * its side of the data to it (libvirt's drivers open an fd stream or a remote stream on the
 * {@code virStreamPtr} they are given). A stream is bound once.
 */
@ProviderType
public interface StreamRef {
    /** Binds the stream to the driver's data; fails with {@code VIR_ERR_OPERATION_INVALID} if bound already. */
    void bind(StreamDriver io);
}
