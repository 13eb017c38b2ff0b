package io.jvirt.spi;

import io.jvirt.api.Connect;
import io.jvirt.api.Secret;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The secondary connections of one connection's scope, as libvirt's {@code virGetConnectNetwork()},
 * {@code virGetConnectStorage()}, ... give them to a driver: the platform hands it to every local
 * connection ({@link HypervisorDriver#connectSetSecondaries}). {@link #open} opens
 * {@code KIND:///system} (or the scope's session or embed URI) through the registry on first use,
 * so a driver reaches another driver only through the API, with the registry's hot-swap wait and
 * errors, and never holds another driver's objects. The connections are the platform's: a driver
 * does not close them; they close with the connection they were given to.
 */
@ProviderType
public interface SecondaryConnections {
    /** The scope whose drivers {@link #open} reaches. */
    DriverScope scope();

    /**
     * The connection to this scope's driver of a kind ({@code "network"}, {@code "storage"},
     * {@code "nwfilter"}, {@code "secret"}, {@code "interface"}, {@code "nodedev"}), opened on first
     * use and kept; fails with the registry's {@code VIR_ERR_NO_CONNECT} when no driver serves it.
     */
    Connect open(String kind);

    /**
     * The value of a secret of this scope for the driver's own use (a disk's passphrase, a TLS key's
     * password), private secrets included: libvirt's {@code virSecretGetSecretString}, where
     * {@code Secret.getValue()} of the API (what clients call) refuses them. The secret is a handle
     * from {@code open("secret")}'s lookups. A driver never passes the value on to a client.
     */
    byte[] secretValue(Secret secret);
}
