package io.jvirt.daemon.dispatch;

import io.jvirt.api.Stream;
import io.jvirt.daemon.client.Client;

/** Serves a procedure that opens a stream: binds {@code stream} through the API, returns the reply. */
@FunctionalInterface
public interface StreamHandler<A, R> {
    R handle(Client client, A args, Stream stream);
}
