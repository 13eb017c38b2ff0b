package io.jvirt.driver.qemu.domain;

import java.nio.file.Path;

/**
 * Where one driver instance keeps its state, all under one root (DESIGN §6):
 * {@code config/NAME.xml} persistent definitions, {@code autostart/NAME} markers,
 * {@code run/NAME.json} status files of running guests with their monitor sockets
 * {@code run/UUID.qmp}, {@code run/autostarted} the boot whose autostart ran (OncePerBoot), {@code log/NAME.log} each guest's QEMU output, {@code cache/} probed
 * emulator capabilities, {@code dump/} memory dumps of crashed guests (libvirt's auto_dump_path).
 */
public record Layout(Path root) {
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

    public Path monitor(String uuid) {
        return run().resolve(uuid + ".qmp");
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
