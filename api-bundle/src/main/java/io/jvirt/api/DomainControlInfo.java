package io.jvirt.api;

/** {@code virDomainControlInfo}: the state of the control interface (0 = ok), its detail and how long it lasts (ms). */
public record DomainControlInfo(int state, int details, long stateTimeMs) {
}
