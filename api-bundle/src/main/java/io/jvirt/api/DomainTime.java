package io.jvirt.api;

/** The guest's clock as {@code virDomainGetTime} returns it. */
public record DomainTime(long seconds, int nanoseconds) {
}
