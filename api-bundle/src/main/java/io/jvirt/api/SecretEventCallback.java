package io.jvirt.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives secret events: a {@link SecretEventId#LIFECYCLE} registration gets
 * {@link #onLifecycle}, a {@link SecretEventId#VALUE_CHANGED} one {@link #onValueChanged}.
 */
@ConsumerType
@FunctionalInterface
public interface SecretEventCallback {
    /** The secret was defined (also redefined) or undefined; {@code detail} is libvirt's (0). */
    void onLifecycle(Secret secret, SecretLifecycle type, int detail);

    /** The secret's value was set. */
    default void onValueChanged(Secret secret) {
    }
}
