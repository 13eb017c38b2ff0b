package io.jvirt.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver's lifecycle, libvirt's {@code virStateDriver}: registered beside the driver's services
 * with the same {@code jvirt.driver.name}; the registry initializes it when it appears and shuts
 * it down when it goes, so loading config, reattaching to guests and autostart run on bundle
 * start, and a bundle stop never touches running guests.
 */
@ConsumerType
public interface StateDriver {
    /** Loads persistent config, reattaches to running guests, starts autostart objects. */
    default void initialize() {
    }

    /** Re-reads configuration (libvirt's SIGHUP). */
    default void reload() {
    }

    /** Stops accepting work before the driver goes away. */
    default void shutdownPrepare() {
    }

    /** Waits until work in progress is done. */
    default void shutdownWait() {
    }
}
