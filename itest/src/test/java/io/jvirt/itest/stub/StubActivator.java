package io.jvirt.itest.stub;

import java.nio.file.Path;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;

/**
 * Starts a stub secondary driver bundle (built by {@code StubBundles}): its manifest's
 * {@code Stub-Kind} says which kind it serves, and it registers one {@link ConnectDriver} the way
 * a real secondary driver bundle does: name, kind and scheme = the kind, local only.
 */
public final class StubActivator implements BundleActivator {
    /** Framework property: where system and session state live (embed roots keep theirs). */
    public static final String STATE_DIR = "jvirt.itest.stub.state";

    private ServiceRegistration<ConnectDriver> registration;

    @Override
    public void start(BundleContext context) {
        String kind = context.getBundle().getHeaders().get("Stub-Kind");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(DriverProperties.NAME, kind);
        props.put(DriverProperties.KIND, kind);
        props.put(DriverProperties.URI_SCHEMES, kind);
        props.put(DriverProperties.LOCAL_ONLY, Boolean.TRUE);
        registration = context.registerService(ConnectDriver.class,
                new StubDriver(kind, Path.of(context.getProperty(STATE_DIR))), props);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }
}
