package io.jvirt.storage.backend;

import io.jvirt.conf.storage.VolEncryption;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The secret values of encrypted volumes (LUKS passphrases), which libvirt's storage driver reads
 * from the secret driver ({@code virSecretGetValue} on the secret the {@code <encryption>} names).
 */
@ProviderType
public interface VolumeSecrets {
    /**
     * The passphrase of the volume {@code volumePath} that {@code encryption} names.
     *
     * @throws io.jvirt.api.VirtException libvirt's error when there is no such secret or no secret driver
     */
    byte[] value(VolEncryption encryption, String volumePath);
}
