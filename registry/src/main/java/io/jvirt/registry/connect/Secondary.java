package io.jvirt.registry.connect;

import java.util.Optional;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.Unsupported;

/**
 * How a session reaches the driver of one kind: the connection's own (the hypervisor driver
 * itself, or a secondary driver its connection brings), the secondary connection of the
 * connection's scope ({@code network:///system} for {@code qemu:///system}), or none (NO_SUPPORT
 * naming the API).
 */
abstract class Secondary<D> {
    /** The driver to call and the entry the call enters; only for own and none. */
    abstract Binding<D> bind(DriverEntry<?> session, String api);

    /** The scoped connection that serves the kind, for a kind reached through one. */
    Optional<ManagedConnection> scoped(String api) {
        return Optional.empty();
    }

    static <D> Secondary<D> own(D driver) {
        return new Secondary<>() {
            @Override
            Binding<D> bind(DriverEntry<?> session, String api) {
                return new Binding<>(session, driver);
            }
        };
    }

    static <D> Secondary<D> none() {
        return new Secondary<>() {
            @Override
            Binding<D> bind(DriverEntry<?> session, String api) {
                throw Unsupported.api(api);
            }
        };
    }

    /**
     * Through the connection's secondary connection of this kind, opened on first use: NO_SUPPORT
     * naming the API when no driver serves the kind, as libvirtd without that driver answers.
     */
    static <D> Secondary<D> scoped(DriverKind<D> kind, ScopedConnections connections) {
        return new Secondary<>() {
            @Override
            Binding<D> bind(DriverEntry<?> session, String api) {
                throw new IllegalStateException("a scoped " + kind + " connection is called through its own binder");
            }

            @Override
            Optional<ManagedConnection> scoped(String api) {
                return Optional.of(connections.connection(kind.name()).orElseThrow(() -> Unsupported.api(api)));
            }
        };
    }

    static <D> Optional<DriverEntry<D>> awaitName(DriverTable<D> table, String name, long waitMs) {
        try {
            return table.await(name, waitMs);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, ErrorDomain.NONE,
                    "operation aborted: interrupted while waiting for driver '" + name + "'");
        }
    }
}
