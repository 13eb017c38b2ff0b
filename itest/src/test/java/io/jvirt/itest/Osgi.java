package io.jvirt.itest;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Helpers used inside the framework (in the probe). Every wait is bounded and fails with a message
 * that says what was awaited; none of them asserts how long anything took.
 */
public final class Osgi {
    /** The bound of every wait for the platform to settle. Generous: a slow machine is not a bug. */
    public static final Duration SETTLE = Duration.ofSeconds(30);

    public static final String REGISTRY_PID = "io.jvirt.registry";

    private Osgi() {
    }

    public static Bundle bundle(BundleContext context, String bsn) {
        return Arrays.stream(context.getBundles())
                .filter(b -> bsn.equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + bsn + " installed; bundles: " + describe(context)));
    }

    public static Bundle bundleOrNull(BundleContext context, String bsn) {
        return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst()
                .orElse(null);
    }

    public static String describe(BundleContext context) {
        return Arrays.stream(context.getBundles())
                .map(b -> b.getBundleId() + ":" + b.getSymbolicName() + "[" + state(b.getState()) + "]")
                .collect(Collectors.joining(", "));
    }

    public static String state(int state) {
        switch (state) {
        case Bundle.ACTIVE: return "ACTIVE";
        case Bundle.RESOLVED: return "RESOLVED";
        case Bundle.INSTALLED: return "INSTALLED";
        case Bundle.STARTING: return "STARTING";
        case Bundle.STOPPING: return "STOPPING";
        case Bundle.UNINSTALLED: return "UNINSTALLED";
        default: return String.valueOf(state);
        }
    }

    /** Waits for a service, failing with what is installed when it does not come. */
    public static <T> T service(BundleContext context, Class<T> type) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            ServiceReference<T> ref = context.getServiceReference(type);
            if (ref != null) {
                T s = context.getService(ref);
                if (s != null) {
                    return s;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type.getName() + " service after " + SETTLE.toSeconds()
                        + " s (is the bundle providing it active and its DS component satisfied?); bundles: "
                        + describe(context) + "; components: " + components(context));
            }
            sleep(20);
        }
    }

    /** Polls until the condition holds; fails with the description and the last observed state. */
    public static void await(String what, BooleanSupplier condition, Supplier<String> observed) {
        await(what, condition, observed, SETTLE);
    }

    public static void await(String what, BooleanSupplier condition, Supplier<String> observed, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound.toMillis() + " ms waiting for: " + what
                        + "; observed: " + observed.get());
            }
            sleep(10);
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The DS components known to SCR, with state, for failure messages. */
    public static String components(BundleContext context) {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        if (ref == null) {
            return "(no ServiceComponentRuntime: is org.apache.felix.scr active?)";
        }
        ServiceComponentRuntime scr = context.getService(ref);
        try {
            StringBuilder sb = new StringBuilder();
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                sb.append(d.name).append('{');
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    sb.append(componentState(c.state));
                    if (c.failure != null) {
                        sb.append(" failure=").append(c.failure);
                    }
                    if (c.unsatisfiedReferences != null && c.unsatisfiedReferences.length > 0) {
                        sb.append(" unsatisfied=").append(Arrays.stream(c.unsatisfiedReferences)
                                .map(u -> u.name).collect(Collectors.toList()));
                    }
                    sb.append(' ');
                }
                sb.append("} ");
            }
            return sb.toString();
        } finally {
            context.ungetService(ref);
        }
    }

    private static String componentState(int s) {
        switch (s) {
        case ComponentConfigurationDTO.ACTIVE: return "ACTIVE";
        case ComponentConfigurationDTO.SATISFIED: return "SATISFIED";
        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION: return "UNSATISFIED_CONFIGURATION";
        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE: return "UNSATISFIED_REFERENCE";
        case 16: return "FAILED_ACTIVATION";
        default: return String.valueOf(s);
        }
    }

    /**
     * Sets properties of the registry's configuration (PID {@code io.jvirt.registry}), or deletes it
     * for {@code null}, then waits until the registry's active component configuration carries them.
     */
    public static void configureRegistry(BundleContext context, Map<String, Object> props) throws Exception {
        ConfigurationAdmin ca = service(context, ConfigurationAdmin.class);
        Configuration cfg = ca.getConfiguration(REGISTRY_PID, "?");
        if (props == null) {
            cfg.delete();
            await("the registry component without configuration " + REGISTRY_PID,
                    () -> registryConfigMatches(context, null), () -> components(context));
            return;
        }
        Dictionary<String, Object> d = new Hashtable<>(props);
        cfg.update(d);
        await("the registry component configured with " + props,
                () -> registryConfigMatches(context, props), () -> components(context));
    }

    private static boolean registryConfigMatches(BundleContext context, Map<String, Object> props) {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        if (ref == null) {
            return false;
        }
        ServiceComponentRuntime scr = context.getService(ref);
        try {
            Bundle registry = bundle(context, Platform.REGISTRY_BSN);
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(registry)) {
                if (!Arrays.asList(d.configurationPid).contains(REGISTRY_PID)) {
                    continue;
                }
                Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(d);
                for (ComponentConfigurationDTO c : configs) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                        continue;
                    }
                    if (props == null) {
                        if (!REGISTRY_PID.equals(c.properties.get("service.pid"))) {
                            return true;
                        }
                        continue;
                    }
                    boolean all = props.entrySet().stream()
                            .allMatch(e -> String.valueOf(e.getValue()).equals(String.valueOf(c.properties.get(e.getKey()))));
                    if (all) {
                        return true;
                    }
                }
            }
            return false;
        } finally {
            context.ungetService(ref);
        }
    }

    /** Refreshes the given bundles (none: those pending removal) and waits for the framework to finish. */
    public static void refresh(BundleContext context, Bundle... bundles) throws InterruptedException {
        FrameworkWiring fw = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        fw.refreshBundles(bundles.length == 0 ? null : Arrays.asList(bundles), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED || e.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        if (!done.await(SETTLE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the framework did not finish refreshing " + Arrays.toString(bundles));
        }
    }
}
