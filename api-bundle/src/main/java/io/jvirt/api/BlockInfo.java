package io.jvirt.api;

/** {@code virDomainBlockInfo}: sizes in bytes. */
public record BlockInfo(long capacity, long allocation, long physical) {
}
