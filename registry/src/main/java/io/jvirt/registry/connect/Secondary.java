package io.jvirt.registry.connect;

import java.util.Optional;

import io.jvirt.api.VirtException;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.Unsupported;

/**
 * How a session reaches the driver of one kind: the hypervisor connection's own, the shared
 * service of that kind (libvirt's shared drivers, looked up per call so a hot-swapped service is
 * picked up), or none (NO_SUPPORT naming the API).
 */
abstract class Secondary<D> {
    abstract Binding<D> bind(DriverEntry<?> session, String api, long waitMs);

    static <D> Secondary<D> own(D driver) {
        return new Secondary<>() {
            @Override
            Binding<D> bind(DriverEntry<?> session, String api, long waitMs) {
                return new Binding<>(session, driver);
            }
        };
    }

    static <D> Secondary<D> none() {
        return new Secondary<>() {
            @Override
            Binding<D> bind(DriverEntry<?> session, String api, long waitMs) {
                throw Unsupported.api(api);
            }
        };
    }

    static <D> Secondary<D> shared(DriverTable<D> table) {
        return new Secondary<>() {
            private volatile String lastName;

            @Override
            Binding<D> bind(DriverEntry<?> session, String api, long waitMs) {
                Optional<DriverEntry<D>> e = lastName != null ? table.byName(lastName) : table.first();
                if (e.isEmpty() && lastName != null) {
                    e = awaitName(table, lastName, waitMs);
                }
                DriverEntry<D> entry = e.orElseThrow(() -> Unsupported.api(api));
                lastName = entry.name();
                return new Binding<>(entry, entry.service());
            }
        };
    }

    static <D> Optional<DriverEntry<D>> awaitName(DriverTable<D> table, String name, long waitMs) {
        try {
            return table.await(name, waitMs);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new VirtException(io.jvirt.api.ErrorCode.OPERATION_ABORTED, io.jvirt.api.ErrorDomain.NONE,
                    "operation aborted: interrupted while waiting for driver '" + name + "'");
        }
    }
}
