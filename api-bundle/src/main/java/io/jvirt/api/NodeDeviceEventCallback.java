package io.jvirt.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives node device lifecycle events: {@code event} is libvirt's {@code virNodeDeviceEventLifecycleType}. */
@ConsumerType
@FunctionalInterface
public interface NodeDeviceEventCallback {
    void onLifecycle(NodeDevice device, int event, int detail);
}
