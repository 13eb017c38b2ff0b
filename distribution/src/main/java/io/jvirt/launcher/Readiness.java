package io.jvirt.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Decides when the driver table is populated: every jar in {@code deploy/} has been installed and
 * started by FileInstall (or has visibly failed), and every active bundle that declares a
 * {@code ConnectDriver} service has its driver in the registry's table (or among its failed
 * drivers). The registry is read reflectively through {@code DriverRegistryRuntime}: the launcher
 * sits outside OSGi and does not share the API's classes.
 */
final class Readiness {
    static final String CONNECT_DRIVER = "io.jvirt.spi.ConnectDriver";
    static final String RUNTIME = "io.jvirt.api.runtime.DriverRegistryRuntime";
    static final String FILEINSTALL = "org.apache.felix.fileinstall";

    /** A deploy bundle that is not active must stay so this long (FileInstall retries each poll). */
    private static final long FAILED_GRACE_MS = 1_500;

    private final BundleContext context;
    private final Path deployDir;
    private final Map<Long, Long> notActiveSince = new HashMap<>();

    /** What the last check found missing, for the timeout warning. */
    private final List<String> missing = new ArrayList<>();
    /** Deploy jars that settled without starting, with why. */
    private final Map<String, String> failedDeploys = new LinkedHashMap<>();

    Readiness(BundleContext context, Path deployDir) {
        this.context = context;
        this.deployDir = deployDir;
    }

    List<String> missing() {
        return List.copyOf(missing);
    }

    Map<String, String> failedDeploys() {
        return Map.copyOf(failedDeploys);
    }

    /** One look at the platform; true when the driver table is complete. */
    boolean check() {
        missing.clear();
        failedDeploys.clear();
        checkDeploy();
        checkDrivers();
        return missing.isEmpty();
    }

    private void checkDeploy() {
        Bundle fileinstall = bySymbolicName(FILEINSTALL);
        if (fileinstall == null || !Files.isDirectory(deployDir)) {
            return; // nothing will install them; warned about at boot
        }
        if (fileinstall.getState() != Bundle.ACTIVE) {
            missing.add("FileInstall is not active");
            return;
        }
        Map<String, Bundle> byPath = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            String p = pathOf(b.getLocation());
            if (p != null) {
                byPath.put(p, b);
            }
        }
        long now = System.nanoTime() / 1_000_000;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(deployDir, "*.jar")) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                Bundle b = byPath.get(canonical(jar.toFile()));
                if (b == null) {
                    missing.add("deploy/" + name + " not installed yet");
                    continue;
                }
                String why = notStartedReason(b);
                if (why == null) {
                    notActiveSince.remove(b.getBundleId());
                    continue;
                }
                long since = notActiveSince.computeIfAbsent(b.getBundleId(), id -> now);
                if (now - since >= FAILED_GRACE_MS) {
                    failedDeploys.put("deploy/" + name, why);
                } else {
                    missing.add("deploy/" + name + " not started yet (" + why + ")");
                }
            }
        } catch (IOException e) {
            missing.add("cannot list " + deployDir + ": " + e);
        }
    }

    /** Null when the bundle is as started as it gets; otherwise what holds it back. */
    private String notStartedReason(Bundle b) {
        int state = b.getState();
        if (state == Bundle.ACTIVE) {
            return null;
        }
        boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
        if (state == Bundle.STARTING) {
            return null; // lazy activation: started as far as it will go until first use
        }
        if (state == Bundle.RESOLVED) {
            return fragment ? null : "resolved but not started";
        }
        if (state == Bundle.INSTALLED) {
            FrameworkWiring fw = context.getBundle(0).adapt(FrameworkWiring.class);
            return fw.resolveBundles(Set.of(b)) ? "installed, not started" : "cannot be resolved (missing imports)";
        }
        return "state " + state;
    }

    private void checkDrivers() {
        Map<Bundle, Integer> driverBundles = new LinkedHashMap<>();
        boolean registryDeclared = false;
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.ACTIVE) {
                continue;
            }
            int drivers = declaredServices(b, CONNECT_DRIVER);
            if (drivers > 0) {
                driverBundles.put(b, drivers);
            }
            registryDeclared |= declaredServices(b, RUNTIME) > 0;
        }
        if (!registryDeclared) {
            if (!driverBundles.isEmpty()) {
                missing.add("no active bundle provides " + RUNTIME + " (is io.jvirt.registry in bundle/?)");
            }
            return;
        }
        Registry reg = registry();
        if (reg == null) {
            missing.add("the registry's " + RUNTIME + " service is not registered yet");
            return;
        }
        Map<Long, Integer> listed = new HashMap<>();
        for (Object dto : reg.connectDrivers) {
            listed.merge(longField(dto, "bundleId"), 1, Integer::sum);
        }
        for (Object dto : reg.failedDrivers) {
            listed.merge(longField(dto, "bundleId"), 1, Integer::sum);
        }
        // secondary drivers (storage, network, ...) are ConnectDrivers of the same table
        for (Object dto : reg.secondaryDrivers) {
            listed.merge(longField(dto, "bundleId"), 1, Integer::sum);
        }
        for (Map.Entry<Bundle, Integer> e : driverBundles.entrySet()) {
            Bundle b = e.getKey();
            if (listed.getOrDefault(b.getBundleId(), 0) < e.getValue()) {
                missing.add("driver of " + b.getSymbolicName() + " [" + b.getBundleId() + "] not in the table yet");
            }
        }
    }

    static final String DAEMON = "io.jvirt.daemon";

    /** Whether the daemon bundle is there to wait for. */
    boolean daemonInstalled() {
        Bundle b = bySymbolicName(DAEMON);
        return b != null && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING | Bundle.RESOLVED)) != 0;
    }

    /** What jvirtd's status service says once its listeners are applied. */
    record DaemonStatus(String readyLine, List<String> failures) {
    }

    /**
     * jvirtd's ready line from its status service ({@code jvirtd.unix}, {@code jvirtd.tcp}: an
     * address, {@code off} or {@code failed(ADDRESS)}) with the messages of the listeners that
     * failed ({@code jvirtd.failures}), or null while it has not applied its listeners yet.
     */
    DaemonStatus daemonStatus() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(jvirtd.unix=*)");
            if (refs == null || refs.length == 0) {
                return null;
            }
            Object failures = refs[0].getProperty("jvirtd.failures");
            return new DaemonStatus("jvirtd ready: unix=" + refs[0].getProperty("jvirtd.unix") + " tcp="
                    + refs[0].getProperty("jvirtd.tcp"), failures instanceof String[] f ? List.of(f) : List.of());
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The driver names in table order; empty when there is no registry. */
    List<String> driverNames() {
        Registry reg = registry();
        List<String> names = new ArrayList<>();
        if (reg != null) {
            for (Object dto : reg.connectDrivers) {
                names.add(String.valueOf(field(dto, "name")));
            }
        }
        return names;
    }

    private record Registry(Collection<?> connectDrivers, Collection<?> failedDrivers, Collection<?> secondaryDrivers) {
    }

    private Registry registry() {
        ServiceReference<?> ref;
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(RUNTIME, null);
            if (refs == null || refs.length == 0) {
                return null;
            }
            ref = refs[0];
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        Object service = context.getService(ref);
        if (service == null) {
            return null;
        }
        try {
            Class<?> type = ref.getBundle().loadClass(RUNTIME);
            return new Registry((Collection<?>) type.getMethod("getConnectDrivers").invoke(service),
                    (Collection<?>) type.getMethod("getFailedDrivers").invoke(service),
                    (Collection<?>) type.getMethod("getSecondaryDrivers").invoke(service));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + RUNTIME + ": " + e, e);
        } finally {
            context.ungetService(ref);
        }
    }

    private static int declaredServices(Bundle b, String objectClass) {
        BundleRevision rev = b.adapt(BundleRevision.class);
        if (rev == null) {
            return 0;
        }
        int n = 0;
        for (BundleCapability c : rev.getDeclaredCapabilities("osgi.service")) {
            Object oc = c.getAttributes().get("objectClass");
            if ((oc instanceof List<?> l && l.contains(objectClass)) || objectClass.equals(oc)) {
                n++;
            }
        }
        return n;
    }

    private static Object field(Object dto, String name) {
        try {
            Field f = dto.getClass().getField(name);
            return f.get(dto);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DTO " + dto.getClass().getName() + " has no field " + name, e);
        }
    }

    private static long longField(Object dto, String name) {
        return ((Number) field(dto, name)).longValue();
    }

    private Bundle bySymbolicName(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** The canonical file path of a {@code file:} bundle location, or null. */
    static String pathOf(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return canonical(new File(new URI(location).normalize()));
        } catch (Exception e) {
            return null;
        }
    }

    static String canonical(File f) {
        try {
            return f.getCanonicalPath();
        } catch (IOException e) {
            return f.getAbsolutePath();
        }
    }
}
