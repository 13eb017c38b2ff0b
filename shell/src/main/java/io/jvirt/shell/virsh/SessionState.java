package io.jvirt.shell.virsh;

/** Values kept per shell session (Gogo's and Karaf's sessions both have them). */
public interface SessionState {
    Object get(String key);

    void put(String key, Object value);
}
