package io.jvirt.api;

/** {@code virDomainLifecycleAction}, with the words of the domain XML. */
public enum DomainLifecycleAction {
    DESTROY("destroy"), RESTART("restart"), RESTART_RENAME("rename-restart"), PRESERVE("preserve"),
    COREDUMP_DESTROY("coredump-destroy"), COREDUMP_RESTART("coredump-restart");

    private final String xml;

    DomainLifecycleAction(String xml) {
        this.xml = xml;
    }

    public String xml() {
        return xml;
    }

    public int value() {
        return ordinal();
    }
}
