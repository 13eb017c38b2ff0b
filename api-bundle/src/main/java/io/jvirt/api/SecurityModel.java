package io.jvirt.api;

/** {@code virSecurityModel}: the host's security driver name and its domain of interpretation. */
public record SecurityModel(String model, String doi) {
}
