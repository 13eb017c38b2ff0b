package io.jvirt.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.Constants;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NetworkLifecycle;
import io.jvirt.api.VirtException;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NetworkEventSink;
import io.jvirt.spi.NetworkRef;
import io.jvirt.spi.OpenResult;

/**
 * A secondary network driver as a bundle registers it ({@code jvirt.driver.kind=network}, scheme
 * {@code network}): one state of network names per scope, a connection per open, event
 * registrations it numbers itself.
 */
final class StubNetworks {
    private static final AtomicInteger IDS = new AtomicInteger(5000);

    /** The scopes opened, in order. */
    final List<String> opened = new CopyOnWriteArrayList<>();
    final AtomicInteger closed = new AtomicInteger();
    final Map<String, List<String>> state = new ConcurrentHashMap<>();
    final Map<Integer, NetworkEventSink> registrations = new ConcurrentHashMap<>();
    final List<Integer> wrongIds = new CopyOnWriteArrayList<>();
    DriverEntry<ConnectDriver> entryNow;

    DriverEntry<ConnectDriver> entry() {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, (long) IDS.incrementAndGet());
        props.put(DriverProperties.NAME, "network");
        props.put(DriverProperties.KIND, "network");
        props.put(DriverProperties.URI_SCHEMES, "network");
        props.put(DriverProperties.LOCAL_ONLY, true);
        ConnectDriver driver = (uri, auth, flags) -> {
            DriverScope scope = DriverScope.of(uri).orElse(null);
            if (scope == null) {
                return OpenResult.error(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                        "internal error: unexpected network URI path '" + uri.path() + "', try network:///system"));
            }
            opened.add(scope.toString());
            return OpenResult.success(new Connection(state.computeIfAbsent(scope.toString(),
                    k -> new CopyOnWriteArrayList<>())));
        };
        entryNow = new DriverEntry<>(driver, props, null);
        return entryNow;
    }

    void emit(String name) {
        for (NetworkEventSink s : registrations.values()) {
            s.emit(new NetworkRef(name, UUID.nameUUIDFromBytes(name.getBytes())), NetworkLifecycle.DEFINED, 0);
        }
    }

    private final class Connection implements HypervisorDriver, NetworkDriver {
        private final List<String> names;

        Connection(List<String> names) {
            this.names = names;
        }

        @Override
        public Optional<NetworkDriver> networkDriver() {
            return Optional.of(this);
        }

        @Override
        public void connectClose() {
            closed.incrementAndGet();
        }

        @Override
        public List<NetworkRef> connectListAllNetworks(int flags) {
            return names.stream().map(n -> new NetworkRef(n, UUID.nameUUIDFromBytes(n.getBytes()))).toList();
        }

        @Override
        public NetworkRef networkDefineXML(String xml) {
            names.add(xml);
            return new NetworkRef(xml, UUID.nameUUIDFromBytes(xml.getBytes()));
        }

        @Override
        public int connectNetworkEventRegisterAny(NetworkRef network, int eventId, NetworkEventSink sink) {
            int id = IDS.incrementAndGet(); // unique across instances: an old id reaching a successor is caught
            registrations.put(id, sink);
            return id;
        }

        @Override
        public void connectNetworkEventDeregisterAny(int callbackId) {
            if (registrations.remove(callbackId) == null) {
                wrongIds.add(callbackId);
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                        "invalid argument: could not find event callback " + callbackId + " for deletion");
            }
        }
    }
}
