package io.jvirt.driver.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives a monitor's asynchronous events and its end, on the monitor's reader thread. */
public interface QmpListener {
    /** An event such as {@code STOP}, {@code SHUTDOWN} with its {@code data} (an empty object when absent). */
    void event(String name, JsonNode data);

    /** The monitor connection ended (QEMU exited or the socket closed). */
    default void closed() {
    }
}
