package io.jvirt.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.osgi.framework.Constants;

import io.jvirt.api.ConnectUri;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.OpenResult;

/** Table entries built the way the registry builds them from service properties. */
final class TestDrivers {
    private static final AtomicLong IDS = new AtomicLong(1000);

    private TestDrivers() {
    }

    static DriverEntry<ConnectDriver> entry(String name, String schemes, int ranking, boolean localOnly,
            boolean remoteOnly, Function<ConnectUri, OpenResult> open) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, IDS.incrementAndGet());
        props.put(DriverProperties.NAME, name);
        if (schemes != null) {
            props.put(DriverProperties.URI_SCHEMES, schemes.split(","));
        }
        props.put(Constants.SERVICE_RANKING, ranking);
        props.put(DriverProperties.LOCAL_ONLY, localOnly);
        props.put(DriverProperties.REMOTE_ONLY, remoteOnly);
        ConnectDriver driver = (uri, auth, flags) -> open.apply(uri);
        return new DriverEntry<>(driver, props, null);
    }

    /** A hypervisor connection answering getType with a fixed word. */
    static HypervisorDriver typed(String type) {
        return new HypervisorDriver() {
            @Override
            public String connectGetType() {
                return type;
            }
        };
    }

    static Function<ConnectUri, OpenResult> opens(String type) {
        return uri -> OpenResult.success(typed(type));
    }
}
