package io.jvirt.network.nwfilter.ebiptables;

import java.util.List;

import io.jvirt.network.firewall.Backend;
import io.jvirt.network.firewall.Firewall;
import io.jvirt.network.firewall.Layer;
import io.jvirt.network.firewall.Query;

/**
 * Builds a firewall the way libvirt's driver code adds to a virFirewall: commands go to the current
 * transaction until {@link #startRollback()}, then to its rollback (where they never fail, and a
 * query's answer joins the rollback, as in libvirt 9.0; 10.x drops rollback queries).
 */
final class Fw {
    private final Firewall.Builder b = Firewall.builder(Backend.IPTABLES);
    private boolean rollback;

    void transaction(boolean ignoreErrors) {
        b.transaction(ignoreErrors, false);
        rollback = false;
    }

    void startRollback() {
        rollback = true;
    }

    void add(Layer layer, String... args) {
        if (rollback) {
            b.rollback(layer, args);
        } else {
            b.add(layer, args);
        }
    }

    void add(Layer layer, List<String> args) {
        add(layer, args.toArray(String[]::new));
    }

    void ignoring(Layer layer, String... args) {
        if (rollback) {
            b.rollback(layer, args);
        } else {
            b.addIgnoringErrors(layer, args);
        }
    }

    void query(Layer layer, Query q, String... args) {
        if (rollback) {
            b.rollbackQuery(layer, q, args);
        } else {
            b.query(layer, q, args);
        }
    }

    Firewall build() {
        return b.build();
    }
}
