package io.jvirt.api;

import java.util.Objects;

/** The result of {@code virDomainGetState}: a state and the number of its reason. */
public record DomainStateReason(DomainState state, int reason) {
    public DomainStateReason {
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return state.name().toLowerCase() + " (" + state.reasonName(reason) + ")";
    }
}
