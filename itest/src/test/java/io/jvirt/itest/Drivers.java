package io.jvirt.itest;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;

/**
 * Registers {@link TestDriver}s as {@code ConnectDriver} services from the probe, waits until the
 * registry's table shows them, and unregisters them all when closed (tests share a framework).
 */
public final class Drivers implements AutoCloseable {
    private final BundleContext context;
    private final List<ServiceRegistration<ConnectDriver>> registrations = new ArrayList<>();

    public Drivers(BundleContext context) {
        this.context = context;
    }

    public Spec register(TestDriver driver) {
        return new Spec(driver);
    }

    public final class Spec {
        private final TestDriver driver;
        private final Hashtable<String, Object> props = new Hashtable<>();

        Spec(TestDriver driver) {
            this.driver = driver;
            props.put(DriverProperties.NAME, driver.name);
        }

        /** One scheme is registered as a String, several as a String[] (both forms are allowed). */
        public Spec schemes(String... schemes) {
            props.put(DriverProperties.URI_SCHEMES, schemes.length == 1 ? schemes[0] : schemes);
            return this;
        }

        public Spec ranking(int ranking) {
            props.put(Constants.SERVICE_RANKING, ranking);
            return this;
        }

        public Spec localOnly() {
            props.put(DriverProperties.LOCAL_ONLY, Boolean.TRUE);
            return this;
        }

        public Spec remoteOnly() {
            props.put(DriverProperties.REMOTE_ONLY, Boolean.TRUE);
            return this;
        }

        /** Registers the service and waits until the registry lists it. */
        public long now() {
            ServiceRegistration<ConnectDriver> reg = context.registerService(ConnectDriver.class, driver, props);
            registrations.add(reg);
            long id = (Long) reg.getReference().getProperty(Constants.SERVICE_ID);
            DriverRegistryRuntime rt = Osgi.service(context, DriverRegistryRuntime.class);
            Osgi.await("the registry to list driver " + driver.name + " (service " + id + ")",
                    () -> rt.getConnectDrivers().stream().anyMatch(d -> d.serviceId == id),
                    () -> table(rt));
            return id;
        }
    }

    public static String table(DriverRegistryRuntime rt) {
        return rt.getConnectDrivers().stream()
                .map(d -> d.position + ":" + d.name + "(rank " + d.ranking + ", schemes "
                        + (d.schemes == null ? "*" : String.join("|", d.schemes)) + ", svc " + d.serviceId + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    public static List<String> names(List<DriverDTO> table) {
        return table.stream().map(d -> d.name).collect(Collectors.toList());
    }

    @Override
    public void close() {
        DriverRegistryRuntime rt = Osgi.service(context, DriverRegistryRuntime.class);
        for (ServiceRegistration<ConnectDriver> reg : registrations) {
            long id = (Long) reg.getReference().getProperty(Constants.SERVICE_ID);
            reg.unregister();
            Osgi.await("the registry to drop driver service " + id,
                    () -> rt.getConnectDrivers().stream().noneMatch(d -> d.serviceId == id),
                    () -> table(rt));
        }
        registrations.clear();
    }
}
