package io.jvirt.api;

/** {@code virSecurityLabel}: a domain's security label and whether it is enforced. */
public record SecurityLabel(String label, boolean enforcing) {
}
