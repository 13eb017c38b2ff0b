package io.jvirt.driver.qemu.domain;

import io.jvirt.api.DomainState;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.driver.qemu.qmp.QmpClient;
import io.jvirt.spi.DomainRef;

/**
 * A consistent look at one domain for readers outside the lifecycle code (statistics): its state,
 * the definition that applies now (live while it runs, else persistent) and, while it runs, its
 * QEMU's pid and monitor. {@code pid} is -1 and {@code qmp} null for an inactive domain.
 */
public record RuntimeView(DomainRef ref, DomainState state, int reason, DomainDef def, long pid, QmpClient qmp) {
    public boolean active() {
        return pid > 0;
    }
}
