package io.jvirt.spi;

import java.util.List;

import io.jvirt.api.TypedParameter;

/** The statistics of one domain, as a driver returns them for {@code virConnectGetAllDomainStats}. */
public record DomainStats(DomainRef domain, List<TypedParameter> params) {
    public DomainStats {
        params = List.copyOf(params);
    }
}
