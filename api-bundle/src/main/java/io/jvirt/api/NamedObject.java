package io.jvirt.api;

import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What every first-class object has: a name, a UUID stable across hosts, the connection it was
 * obtained through. A handle stays valid while its connection is open, even across a hot swap of
 * the driver behind it, because it is named, not bound to a driver instance.
 */
@ProviderType
public interface NamedObject {
    Connect getConnect();

    String getName();

    UUID getUUID();

    default String getUUIDString() {
        return getUUID().toString();
    }
}
