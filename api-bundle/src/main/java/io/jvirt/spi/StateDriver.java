package io.jvirt.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver's lifecycle, libvirt's {@code virStateDriver}. Register it as the same service as the
 * driver it belongs to (one component providing {@code ConnectDriver} and {@code StateDriver}, or
 * {@code NetworkDriver} and {@code StateDriver}, ...), with the same {@code jvirt.driver.name} and,
 * unless it follows from the other services, a {@link DriverProperties#KIND}.
 * <p>
 * The registry calls {@link #initialize()} on a thread of its own, never on the component's
 * activation thread, in libvirt's daemon order: network, interface, secret, storage, nodedev,
 * nwfilter, then hypervisors, each group once the state drivers of the groups before it that are
 * present have finished (drivers of one group may initialize at the same time). When the platform
 * boots, nothing is initialized before the framework has started its boot bundles, so the order
 * holds across them. Until {@code initialize} has returned, opens of the driver (and calls on
 * secondary drivers) wait, at most the registry's hot-swap wait; then, as after an {@code initialize}
 * that threw, they fail with {@code VIR_ERR_INTERNAL_ERROR} "NAME state driver is not active", and
 * the failure is listed by {@code DriverRegistryRuntime.getFailedDrivers()}. Other drivers are not
 * held up by a failure.
 * <p>
 * {@code initialize} runs on every start of the driver: after a bundle update, a hot swap and a
 * platform restart too. Reattaching to running guests belongs there; autostart does not, unless
 * guarded by {@link OncePerBoot} (libvirt autostarts once per host boot).
 */
@ConsumerType
public interface StateDriver {
    /** Loads persistent config, reattaches to running guests, autostarts once per host boot. */
    default void initialize() {
    }

    /** Re-reads configuration (libvirt's SIGHUP). */
    default void reload() {
    }

    /** Stops accepting work before the driver goes away (its service is unregistered). */
    default void shutdownPrepare() {
    }

    /** Waits until work in progress is done. */
    default void shutdownWait() {
    }
}
