package io.jvirt.shell.virsh;

import java.util.List;

/** A failure reported the way virsh reports it: each line printed as {@code error: LINE}. */
public final class ShellError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> lines;

    public ShellError(String... lines) {
        super(String.join("\n", lines));
        this.lines = List.of(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
