package io.jvirt.spi;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One open hypervisor connection, returned by {@link ConnectDriver#open}: libvirt's
 * {@code virHypervisorDriver} bound to a connection, split by concern into {@link HostDriver},
 * {@link DomainDriver}, {@link DomainSnapshotDriver}, {@link DomainCheckpointDriver} and
 * {@link DomainStatsDriver}; this interface adds the connection itself and the secondary drivers it
 * brings. Every method has a default that fails with
 * {@code VIR_ERR_NO_SUPPORT} naming the API, so a driver implements what it supports. Flags are
 * libvirt's raw bits: a driver rejects bits it does not know with {@code VIR_ERR_INVALID_ARG}.
 * Read-only connections are enforced by the platform before a mutating call reaches the driver.
 */
@ConsumerType
public interface HypervisorDriver extends HostDriver, DomainDriver, DomainSnapshotDriver,
        DomainCheckpointDriver, DomainStatsDriver {

    /** Whether the connection still works (false once a remote peer is gone). */
    default boolean connectIsAlive() {
        return true;
    }

    default boolean connectIsEncrypted() {
        return false;
    }

    default boolean connectIsSecure() {
        return true;
    }

    /** The library version of the other end; {@code 0} lets the platform answer with its own. */
    default long connectGetLibVersion() {
        return 0;
    }

    /** The canonical URI; {@code null} lets the platform answer with the URI that was opened. */
    default String connectGetURI() {
        return null;
    }

    /** Gives the driver the sink for unexpected closes; local drivers never close by themselves. */
    default void connectSetCloseSink(CloseSink sink) {
    }

    /** Closes the connection; the platform calls it once. */
    default void connectClose() {
    }

    /**
     * Gives the connection the secondary connections of its scope (see {@link SecondaryConnections}):
     * called by the platform for every local connection after it opened, before any other call, and
     * again on the successor's connection after a hot swap.
     */
    default void connectSetSecondaries(SecondaryConnections secondaries) {
    }

    /**
     * Whether the application's calls of the kinds this connection does not bring itself go to the
     * secondary drivers of its scope ({@code qemu:///system}'s network calls to {@code network:///system}),
     * as libvirt's drivers that use the shared drivers; false keeps the connection to its own drivers
     * and answers {@code VIR_ERR_NO_SUPPORT} for the rest, as libvirt's test driver. The remote
     * driver's connections never use them: they reach the server's.
     */
    default boolean connectUsesSharedDrivers() {
        return true;
    }

    /**
     * The driver's own network driver for this connection (libvirt's test and remote drivers bring
     * their own); empty lets the platform use the network driver of the connection's scope.
     */
    default Optional<NetworkDriver> networkDriver() {
        return Optional.empty();
    }

    /** As {@link #networkDriver()}, for storage. */
    default Optional<StorageDriver> storageDriver() {
        return Optional.empty();
    }

    /** As {@link #networkDriver()}, for host interfaces. */
    default Optional<InterfaceDriver> interfaceDriver() {
        return Optional.empty();
    }

    /** As {@link #networkDriver()}, for host devices. */
    default Optional<NodeDeviceDriver> nodeDeviceDriver() {
        return Optional.empty();
    }

    /** As {@link #networkDriver()}, for network filters. */
    default Optional<NWFilterDriver> nwfilterDriver() {
        return Optional.empty();
    }

    /** As {@link #networkDriver()}, for secrets. */
    default Optional<SecretDriver> secretDriver() {
        return Optional.empty();
    }
}
