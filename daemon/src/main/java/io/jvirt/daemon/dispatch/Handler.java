package io.jvirt.daemon.dispatch;

import io.jvirt.daemon.client.Client;

/** Serves one procedure: arguments in, return struct out (null for "no payload"). */
@FunctionalInterface
public interface Handler<A, R> {
    R handle(Client client, A args);
}
