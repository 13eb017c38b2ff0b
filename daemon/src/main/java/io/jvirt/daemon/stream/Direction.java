package io.jvirt.daemon.stream;

/** Which way a procedure's stream carries data (libvirt's {@code @readstream} / {@code @writestream}). */
public enum Direction {
    /** The API produces the data: a screenshot, a volume download. */
    TO_CLIENT,
    /** The API consumes the data: a volume upload. */
    FROM_CLIENT,
    /** Both at once: a console. */
    BOTH;

    boolean toClient() {
        return this != FROM_CLIENT;
    }
}
