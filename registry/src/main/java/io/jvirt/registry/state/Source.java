package io.jvirt.registry.state;

import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.StateDriver;

/**
 * What the registry knows of a driver service for its state: the registration, the driver's name
 * and kind, whether the same registration is its state driver, and the bundle and component for
 * the runtime view.
 */
record Source(long serviceId, String name, StateKind kind, boolean hasState, long bundleId, String bundle,
        String component) {

    static Source of(ServiceReference<?> ref) {
        Object name = ref.getProperty(DriverProperties.NAME);
        long id = ((Number) ref.getProperty(Constants.SERVICE_ID)).longValue();
        List<String> classes = Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS));
        Bundle b = ref.getBundle();
        return new Source(id, name != null ? name.toString() : "service-" + id,
                StateKind.of(ref.getProperty(DriverProperties.KIND), classes),
                classes.contains(StateDriver.class.getName()),
                b != null ? b.getBundleId() : -1, b != null ? b.getSymbolicName() : "?",
                String.valueOf(ref.getProperty("component.name")));
    }
}
