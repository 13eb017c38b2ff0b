package io.jvirt.api;

import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A secret ({@code virSecretPtr}): a value (a passphrase, a key) that the platform keeps for
 * storage, TLS or vTPM use, named by its UUID and by its usage. Its value is readable through
 * {@link #getValue()} unless the secret is private, and never through a read-only connection.
 */
@ProviderType
public interface Secret {
    Connect getConnect();

    UUID getUUID();

    default String getUUIDString() {
        return getUUID().toString();
    }

    SecretUsageType getUsageType();

    /** The usage's ID (a volume path, a name, a target); empty for {@link SecretUsageType#NONE}. */
    String getUsageID();

    /** {@code virSecretGetXMLDesc}: the definition, never the value. */
    String getXMLDesc();

    /** {@code virSecretSetValue}: sets (replaces) the value; a persistent secret's value is saved. */
    void setValue(byte[] value);

    /**
     * {@code virSecretGetValue}: the value; fails with {@link ErrorCode#INVALID_SECRET} for a
     * private secret and {@link ErrorCode#NO_SECRET} for a secret without a value.
     */
    byte[] getValue();

    /** {@code virSecretUndefine}: removes the secret and its value. */
    void undefine();
}
