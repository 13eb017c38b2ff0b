package io.jvirt.shell;

import java.io.PrintStream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.jvirt.api.runtime.DriverRegistryRuntime;

/**
 * Gogo commands in scope {@code virt}, found by the shell through their service properties:
 * {@code virt:drivers} prints the registry's driver table, {@code virt:uri URI} shows how a URI
 * resolves against it.
 */
@Component(service = VirtCommands.class, property = {
        "osgi.command.scope=virt",
        "osgi.command.function=drivers",
        "osgi.command.function=uri" })
public class VirtCommands {
    private final BundleContext context;

    /** Optional, so that the commands stay and say so when the registry is not running. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DriverRegistryRuntime registry;

    @Activate
    public VirtCommands(BundleContext context) {
        this.context = context;
    }

    /** {@code virt:drivers}: the driver table in order, secondary drivers, failed drivers. */
    public void drivers() {
        DriverRegistryRuntime r = registry;
        if (r == null) {
            notRunning();
            return;
        }
        out().print(Reports.drivers(r.getConnectDrivers(), r.getSecondaryDrivers(), r.getFailedDrivers(),
                this::bundleState));
    }

    /** {@code virt:uri URI}: the driver the URI resolves to, and why earlier drivers did not take it. */
    public void uri(String uri) {
        DriverRegistryRuntime r = registry;
        if (r == null) {
            notRunning();
            return;
        }
        out().print(Reports.resolution(r.explain(uri)));
    }

    private String bundleState(long id) {
        Bundle b = context.getBundle(id);
        return b == null ? "UNINSTALLED" : BundleStates.name(b.getState());
    }

    private static void notRunning() {
        System.err.println("virt: the driver registry (io.jvirt.registry) is not running");
    }

    /** Gogo gives each command its session's stream as System.out. */
    private static PrintStream out() {
        return System.out;
    }
}
