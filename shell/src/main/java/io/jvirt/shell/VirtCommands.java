package io.jvirt.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.ServiceTracker;

import io.jvirt.api.Connect;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.shell.karaf.KarafCommands;
import io.jvirt.shell.virsh.CommandDef;
import io.jvirt.shell.virsh.Platform;
import io.jvirt.shell.virsh.Virsh;

/**
 * Offers every command of {@link Virsh} in scope {@code virt} ({@code virt:list --all},
 * {@code virt:net-info default}, ...) to the shell that runs. In plain Gogo each is a
 * {@link Function} service of its own because virsh's names ({@code net-list}) are not Java method
 * names. Karaf's console would wrap those services too, but without a completer; so while Karaf's
 * {@code SessionFactory} is there the commands go into its registry as Karaf commands that
 * complete domain, network and pool names ({@link KarafCommands}), and the Gogo services are
 * withdrawn so that no command exists twice. Both adapters run this one implementation.
 */
@Component(service = {}, immediate = true)
public class VirtCommands implements Platform {
    /** Karaf's console, named rather than imported: the standalone distribution has no Karaf. */
    static final String KARAF_SESSION_FACTORY = "org.apache.karaf.shell.api.console.SessionFactory";

    private final BundleContext context;
    private final Virsh virsh = new Virsh();
    /** The Gogo services, while no Karaf console takes the commands. */
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    /** Per Karaf console: what takes our commands out of its registry. */
    private final Map<ServiceReference<Object>, Runnable> karafConsoles = new HashMap<>();
    private final ServiceTracker<Object, Object> karafTracker;
    private boolean active = true;
    /** Connections the shell sessions hold, closed when this component goes away. */
    private final Set<Connect> open = ConcurrentHashMap.newKeySet();

    /** Optional, so that the commands stay and say what is missing when the registry is not running. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DriverRegistryRuntime registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Virt virt;

    @Activate
    public VirtCommands(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        karafTracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(objectClass=" + KARAF_SESSION_FACTORY + ")"), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                return karafConsoleAdded(reference) ? reference : null;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Object tracked) {
                karafConsoleRemoved(reference);
            }
        };
        karafTracker.open();
        synchronized (this) {
            if (karafConsoles.isEmpty()) {
                registerGogoFunctions();
            }
        }
    }

    private synchronized boolean karafConsoleAdded(ServiceReference<Object> reference) {
        if (!active || !reference.isAssignableTo(context.getBundle(), KARAF_SESSION_FACTORY)) {
            return false;
        }
        Object sessionFactory = context.getService(reference);
        if (sessionFactory == null) {
            return false;
        }
        Runnable undo;
        try {
            undo = KarafCommands.register(sessionFactory, virsh, this);
        } catch (NoClassDefFoundError | ClassCastException notWired) {
            // the optional import of Karaf's console API is not wired: its CommandTracker wraps the Gogo services
            context.ungetService(reference);
            return false;
        }
        karafConsoles.put(reference, undo);
        unregisterGogoFunctions();
        return true;
    }

    private synchronized void karafConsoleRemoved(ServiceReference<Object> reference) {
        Runnable undo = karafConsoles.remove(reference);
        if (undo != null) {
            undo.run();
            context.ungetService(reference);
        }
        if (active && karafConsoles.isEmpty() && registrations.isEmpty()) {
            registerGogoFunctions();
        }
    }

    private void registerGogoFunctions() {
        for (CommandDef def : virsh.commands()) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("osgi.command.scope", "virt");
            props.put("osgi.command.function", def.name());
            props.put("osgi.command.description", def.description());
            registrations.add(context.registerService(Function.class, GogoCommand.of(virsh, def.name(), this), props));
        }
    }

    private void unregisterGogoFunctions() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
        registrations.clear();
    }

    @Override
    public Virt virt() {
        return virt;
    }

    @Override
    public DriverRegistryRuntime registry() {
        return registry;
    }

    @Override
    public String bundleState(long id) {
        Bundle b = context.getBundle(id);
        return b == null ? "UNINSTALLED" : BundleStates.name(b.getState());
    }

    @Override
    public void connection(Connect connect, boolean closed) {
        if (closed) {
            open.remove(connect);
        } else {
            open.add(connect);
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            active = false;
        }
        karafTracker.close(); // takes the commands out of Karaf's registry
        synchronized (this) {
            unregisterGogoFunctions();
        }
        for (Connect c : open) {
            try {
                c.close();
            } catch (VirtException alreadyBroken) {
                // nothing to release
            }
        }
        open.clear();
    }
}
