package io.jvirt.shell.virsh;

import java.util.List;
import java.util.function.LongFunction;

import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.FailedDriverDTO;
import io.jvirt.api.runtime.ResolutionDTO;
import io.jvirt.api.runtime.ResolutionStepDTO;

/** The text the {@code virt:} commands print, built from the registry's runtime DTOs. */
final class Reports {
    private Reports() {
    }

    /**
     * The driver table in order, then the secondary drivers, then the driver components that
     * failed, with why.
     *
     * @param bundleState the state name of a bundle, by id
     */
    static String drivers(List<DriverDTO> connect, List<DriverDTO> secondary, List<FailedDriverDTO> failed,
            LongFunction<String> bundleState) {
        StringBuilder out = new StringBuilder();
        Table t = new Table("Pos", "Name", "Schemes", "Flags", "Ranking", "Bundle", "Symbolic name", "State",
                "Connections");
        for (DriverDTO d : connect) {
            t.row(d.position, d.name, schemes(d.schemes), flags(d), d.ranking, d.bundleId, d.bundleSymbolicName,
                    bundleState.apply(d.bundleId), d.openConnections);
        }
        out.append(t.render());

        out.append('\n');
        if (secondary.isEmpty()) {
            out.append("Secondary drivers: none\n");
        } else {
            out.append("Secondary drivers:\n");
            Table s = new Table("Kind", "Name", "Ranking", "Bundle", "Symbolic name", "State");
            for (DriverDTO d : secondary) {
                s.row(d.kind, d.name, d.ranking, d.bundleId, d.bundleSymbolicName, bundleState.apply(d.bundleId));
            }
            out.append(s.render());
        }

        out.append('\n');
        if (failed.isEmpty()) {
            out.append("Failed drivers: none\n");
        } else {
            out.append("Failed drivers:\n");
            Table f = new Table("Component", "Bundle", "Symbolic name", "State", "Reason");
            for (FailedDriverDTO d : failed) {
                f.row(d.component, d.bundleId, d.bundleSymbolicName, bundleState.apply(d.bundleId), oneLine(d.reason));
            }
            out.append(f.render());
        }
        return out.toString();
    }

    /** Which driver a URI resolved to and what every driver before it did with the URI. */
    static String resolution(ResolutionDTO r) {
        StringBuilder out = new StringBuilder();
        out.append("URI:      ").append(r.uri).append('\n');
        out.append("Driver:   ").append(r.driver == null ? "none" : r.driver).append('\n');
        if (r.error != null) {
            out.append("Error:    ").append(oneLine(r.error)).append('\n');
        }
        out.append('\n');
        ResolutionStepDTO[] steps = r.steps == null ? new ResolutionStepDTO[0] : r.steps;
        if (steps.length == 0) {
            out.append("No driver in the table was asked.\n");
            return out.toString();
        }
        Table t = new Table("Step", "Driver", "Outcome", "Reason");
        for (int i = 0; i < steps.length; i++) {
            t.row(i + 1, steps[i].driver, steps[i].outcome, oneLine(steps[i].reason));
        }
        out.append(t.render());
        return out.toString();
    }

    static String schemes(String[] schemes) {
        return schemes == null ? "*" : String.join(",", schemes);
    }

    static String flags(DriverDTO d) {
        if (d.localOnly && d.remoteOnly) {
            return "local-only,remote-only";
        }
        return d.localOnly ? "local-only" : d.remoteOnly ? "remote-only" : "-";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
