package io.jvirt.shell;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jvirt.api.Connect;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.shell.virsh.CommandDef;
import io.jvirt.shell.virsh.Platform;
import io.jvirt.shell.virsh.Virsh;

/**
 * Registers every command of {@link Virsh} as a Gogo command in scope {@code virt}
 * ({@code virt:list --all}, {@code virt:net-info default}, ...). Each is a {@link Function}
 * service of its own because virsh's names ({@code net-list}) are not Java method names; Karaf's
 * shell picks up the same services (its CommandTracker wraps {@code osgi.command.*} services),
 * so both shells run this one implementation.
 */
@Component(service = {}, immediate = true)
public class VirtCommands implements Platform {
    private final BundleContext context;
    private final Virsh virsh = new Virsh();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
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
    public VirtCommands(BundleContext context) {
        this.context = context;
        for (CommandDef def : virsh.commands()) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("osgi.command.scope", "virt");
            props.put("osgi.command.function", def.name());
            props.put("osgi.command.description", def.description());
            registrations.add(context.registerService(Function.class, GogoCommand.of(virsh, def.name(), this), props));
        }
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
        for (Connect c : open) {
            try {
                c.close();
            } catch (VirtException alreadyBroken) {
                // nothing to release
            }
        }
        open.clear();
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
    }
}
