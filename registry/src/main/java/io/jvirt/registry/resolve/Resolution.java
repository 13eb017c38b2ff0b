package io.jvirt.registry.resolve;

import java.util.List;

import io.jvirt.api.VirtException;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.HypervisorDriver;

/**
 * The outcome of resolving a URI: the driver and connection that opened it, or the error, and
 * what each driver before it did.
 */
public record Resolution(DriverEntry<ConnectDriver> driver, HypervisorDriver connection, VirtException error,
        List<Step> steps) {

    /** What one driver did with the URI. */
    public record Step(String driver, Outcome outcome, String reason) {
    }

    public enum Outcome {
        SKIPPED, DECLINED, OPENED, ERROR;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean succeeded() {
        return connection != null;
    }
}
