package io.jvirt.spi;

import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ConsumerType;

import io.jvirt.api.SecretUsageType;

/**
 * Secrets: libvirt's {@code virSecretDriver}. Flags are libvirt's raw bits; a driver refuses bits
 * it does not know with {@code VIR_ERR_INVALID_ARG}, as libvirt's secret driver does. Read-only
 * connections are enforced by the platform before a call reaches the driver.
 */
@ConsumerType
public interface SecretDriver {

    default int connectNumOfSecrets() {
        throw Unsupported.api("virConnectNumOfSecrets");
    }

    /** The UUIDs of at most {@code maxuuids} secrets. */
    default List<String> connectListSecrets(int maxuuids) {
        throw Unsupported.api("virConnectListSecrets");
    }

    /** {@code flags}: {@code virConnectListAllSecretsFlags}. */
    default List<SecretRef> connectListAllSecrets(int flags) {
        throw Unsupported.api("virConnectListAllSecrets");
    }

    default SecretRef secretLookupByUUID(UUID uuid) {
        throw Unsupported.api("virSecretLookupByUUID");
    }

    default SecretRef secretLookupByUsage(SecretUsageType usageType, String usageId) {
        throw Unsupported.api("virSecretLookupByUsage");
    }

    /** Defines a secret or redefines one of the same UUID; {@code flags}: {@code virSecretDefineFlags}. */
    default SecretRef secretDefineXML(String xml, int flags) {
        throw Unsupported.api("virSecretDefineXML");
    }

    default String secretGetXMLDesc(SecretRef secret, int flags) {
        throw Unsupported.api("virSecretGetXMLDesc");
    }

    default void secretSetValue(SecretRef secret, byte[] value, int flags) {
        throw Unsupported.api("virSecretSetValue");
    }

    /**
     * The secret's value. A private secret's value goes only to {@code internal} callers: the
     * platform passes true only for hypervisor drivers that need a key (libvirt's
     * {@code virSecretGetSecretString}), never for a client's call.
     */
    default byte[] secretGetValue(SecretRef secret, int flags, boolean internal) {
        throw Unsupported.api("virSecretGetValue");
    }

    default void secretUndefine(SecretRef secret) {
        throw Unsupported.api("virSecretUndefine");
    }

    /**
     * Registers for secret events ({@code eventId}: libvirt's {@code virSecretEventID}) of one
     * secret or, with a null ref, all; returns the driver's callback ID.
     */
    default int connectSecretEventRegisterAny(SecretRef secret, int eventId, SecretEventSink sink) {
        throw Unsupported.api("virConnectSecretEventRegisterAny");
    }

    default void connectSecretEventDeregisterAny(int callbackId) {
        throw Unsupported.api("virConnectSecretEventDeregisterAny");
    }
}
