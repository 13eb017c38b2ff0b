package io.jvirt.spi;

import org.osgi.annotation.versioning.ProviderType;

import io.jvirt.api.SecretLifecycle;

/** Where a driver delivers the secret events of one registration. */
@ProviderType
public interface SecretEventSink {
    /** For a {@code VIR_SECRET_EVENT_ID_LIFECYCLE} registration. */
    void lifecycle(SecretRef secret, SecretLifecycle type, int detail);

    /** For a {@code VIR_SECRET_EVENT_ID_VALUE_CHANGED} registration. */
    void valueChanged(SecretRef secret);
}
