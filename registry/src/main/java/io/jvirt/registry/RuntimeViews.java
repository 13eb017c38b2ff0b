package io.jvirt.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.FailedDriverDTO;
import io.jvirt.api.runtime.ResolutionStepDTO;
import io.jvirt.registry.connect.ManagedConnection;
import io.jvirt.registry.resolve.Resolution;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.StateDriver;

/** Builds the runtime DTOs from the registry's tables and from SCR's own runtime view. */
final class RuntimeViews {
    private static final Set<String> DRIVER_SERVICES = Set.of(ConnectDriver.class.getName(),
            StateDriver.class.getName());

    private RuntimeViews() {
    }

    /**
     * The hypervisor or the secondary drivers of the table; a driver's position is its place in
     * the whole table (the order URIs are resolved in).
     */
    static List<DriverDTO> drivers(List<? extends DriverEntry<?>> table, boolean secondary,
            Collection<ManagedConnection> connections) {
        List<DriverDTO> list = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            DriverEntry<?> e = table.get(i);
            if (e.isSecondary() != secondary) {
                continue;
            }
            DriverDTO d = new DriverDTO();
            d.name = e.name();
            d.kind = e.kind();
            d.position = i;
            d.schemes = e.schemes() == null ? null : e.schemes().toArray(new String[0]);
            d.localOnly = e.localOnly();
            d.remoteOnly = e.remoteOnly();
            d.ranking = e.ranking();
            d.serviceId = e.serviceId();
            Bundle b = e.bundle();
            if (b != null) {
                d.bundleId = b.getBundleId();
                d.bundleSymbolicName = b.getSymbolicName();
                d.bundleVersion = b.getVersion().toString();
            }
            d.openConnections = (int) connections.stream().filter(c -> c.isBoundTo(e)).count();
            list.add(d);
        }
        return list;
    }

    /**
     * Driver components SCR could not activate (DS 1.4's failure text), or that wait on missing
     * references or configuration, and state drivers whose initialization threw.
     */
    static List<FailedDriverDTO> failed(ServiceComponentRuntime scr, Collection<String> stateFailures) {
        List<FailedDriverDTO> list = new ArrayList<>();
        if (scr != null) {
            for (ComponentDescriptionDTO desc : scr.getComponentDescriptionDTOs()) {
                if (desc.serviceInterfaces == null || !providesDriver(desc.serviceInterfaces)) {
                    continue;
                }
                if (!scr.isComponentEnabled(desc)) {
                    list.add(failure(desc, "component is disabled"));
                    continue;
                }
                for (ComponentConfigurationDTO cfg : scr.getComponentConfigurationDTOs(desc)) {
                    String why = switch (cfg.state) {
                        case ComponentConfigurationDTO.FAILED_ACTIVATION -> "activation failed: " + cfg.failure;
                        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied references: "
                                + unsatisfied(cfg.unsatisfiedReferences);
                        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "missing configuration "
                                + String.join(",", desc.configurationPid);
                        default -> null;
                    };
                    if (why != null) {
                        list.add(failure(desc, why));
                    }
                }
            }
        }
        for (String s : stateFailures) {
            String[] f = s.split("\t", 4);
            FailedDriverDTO d = new FailedDriverDTO();
            d.bundleId = Long.parseLong(f[0]);
            d.bundleSymbolicName = f[1];
            d.component = f[2];
            d.reason = f[3];
            list.add(d);
        }
        return list;
    }

    private static boolean providesDriver(String[] services) {
        for (String s : services) {
            if (DRIVER_SERVICES.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static String unsatisfied(UnsatisfiedReferenceDTO[] refs) {
        List<String> names = new ArrayList<>();
        if (refs != null) {
            for (UnsatisfiedReferenceDTO r : refs) {
                names.add(r.name + (r.target != null ? " " + r.target : ""));
            }
        }
        return String.join(", ", names);
    }

    private static FailedDriverDTO failure(ComponentDescriptionDTO desc, String reason) {
        FailedDriverDTO d = new FailedDriverDTO();
        d.component = desc.name;
        d.bundleId = desc.bundle.id;
        d.bundleSymbolicName = desc.bundle.symbolicName;
        d.reason = reason;
        return d;
    }

    static ResolutionStepDTO[] steps(List<Resolution.Step> steps) {
        ResolutionStepDTO[] out = new ResolutionStepDTO[steps.size()];
        for (int i = 0; i < out.length; i++) {
            Resolution.Step s = steps.get(i);
            out[i] = new ResolutionStepDTO();
            out[i].driver = s.driver();
            out[i].outcome = s.outcome().word();
            out[i].reason = s.reason();
        }
        return out;
    }
}
