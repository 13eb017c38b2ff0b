package io.jvirt.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Told when a connection closes without the application asking (peer gone, keepalive timeout). */
@ConsumerType
@FunctionalInterface
public interface CloseCallback {
    void onClose(Connect connection, CloseReason reason);
}
