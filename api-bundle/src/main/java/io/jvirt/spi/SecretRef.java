package io.jvirt.spi;

import java.util.Objects;
import java.util.UUID;

import io.jvirt.api.SecretUsageType;

/**
 * How a driver names a secret: its UUID, with the usage it had when the ref was made (what
 * libvirt's {@code virSecretPtr} and the protocol's {@code remote_nonnull_secret} carry).
 *
 * @param usageId the usage's ID, empty for {@link SecretUsageType#NONE}
 */
public record SecretRef(UUID uuid, SecretUsageType usageType, String usageId) {
    public SecretRef {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(usageType, "usageType");
        usageId = usageId == null ? "" : usageId;
    }
}
