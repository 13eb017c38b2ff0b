package io.jvirt.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives network lifecycle events ({@code VIR_NETWORK_EVENT_ID_LIFECYCLE}); detail is libvirt's (0). */
@ConsumerType
@FunctionalInterface
public interface NetworkEventCallback {
    void onLifecycle(Network network, NetworkLifecycle type, int detail);
}
