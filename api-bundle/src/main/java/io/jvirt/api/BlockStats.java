package io.jvirt.api;

/** {@code virDomainBlockStatsStruct}. */
public record BlockStats(long rdReq, long rdBytes, long wrReq, long wrBytes, long errs) {
}
