package io.jvirt.api;

/** {@code virDomainDiskError}: {@code error} is libvirt's {@code virDomainDiskErrorCode} (1 = unspecified). */
public record DiskError(String disk, int error) {
}
