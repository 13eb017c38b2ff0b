package io.jvirt.api;

import java.util.List;

/** {@code virDomainStatsRecord}: one domain and its statistics. */
public record DomainStatsRecord(Domain domain, List<TypedParameter> params) {
    public DomainStatsRecord {
        params = List.copyOf(params);
    }
}
