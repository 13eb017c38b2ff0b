package io.jvirt.driver.qemu.domain;

import java.nio.file.Path;

import io.jvirt.driver.qemu.sockets.SocketDir;

/**
 * Where one driver instance keeps its state, all under one root (DESIGN §6):
 * {@code config/NAME.xml} persistent definitions, {@code autostart/NAME} markers,
 * {@code run/NAME.json} status files of running guests with their monitor sockets
 * {@code run/UUID.qmp} and channel sockets {@code run/UUID.chN}, {@code run/autostarted} the boot
 * whose autostart ran (OncePerBoot), {@code log/NAME.log} each guest's QEMU output, {@code cache/}
 * probed emulator capabilities, {@code dump/} memory dumps of crashed guests (libvirt's
 * auto_dump_path). Sockets are named through {@code sockets}, the short path of {@code run/}, so
 * their addresses never depend on where the root is.
 */
public record Layout(Path root, SocketDir sockets) {
    public Path config() {
        return root.resolve("config");
    }

    public Path configFile(String name) {
        return config().resolve(name + ".xml");
    }

    public Path autostart() {
        return root.resolve("autostart");
    }

    public Path run() {
        return root.resolve("run");
    }

    public Path statusFile(String name) {
        return run().resolve(name + ".json");
    }

    /** The monitor socket as QEMU and the driver name it: through the short path of {@code run/}. */
    public Path monitor(String uuid) {
        return sockets.path().resolve(uuid + ".qmp");
    }

    /** Whether a file of {@code run/} is one of a guest's sockets (UUID.qmp, UUID.chN), and whose. */
    public static String socketOwner(String fileName) {
        return fileName.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(qmp|ch[0-9]+)")
                ? fileName.substring(0, 36) : null;
    }

    public Path log() {
        return root.resolve("log");
    }

    public Path logFile(String name) {
        return log().resolve(name + ".log");
    }

    public Path dump() {
        return root.resolve("dump");
    }

    public Path cache() {
        return root.resolve("cache");
    }
}
