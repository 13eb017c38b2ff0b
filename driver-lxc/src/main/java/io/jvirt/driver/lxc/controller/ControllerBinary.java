package io.jvirt.driver.lxc.controller;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import io.jvirt.driver.lxc.LxcErrors;

/**
 * The controller binary ({@code jvirt-lxc}, built from {@code src/main/c} into the bundle) as a
 * file that can be executed: copied to {@code DIR/jvirt-lxc} when missing or different, by rename,
 * so a controller still running the previous copy keeps its own file.
 */
public final class ControllerBinary {
    static final String RESOURCE = "jvirt-lxc";

    private ControllerBinary() {
    }

    public static Path install(Path dir) {
        try (InputStream in = ControllerBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw LxcErrors.internal("the bundle lacks its controller binary " + RESOURCE
                        + " (built by driver-lxc's Maven build with gcc)");
            }
            byte[] bytes = in.readAllBytes();
            Files.createDirectories(dir);
            Path target = dir.resolve(RESOURCE);
            if (Files.isExecutable(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return target;
            }
            Path tmp = Files.createTempFile(dir, ".jvirt-lxc", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw LxcErrors.system(e);
        }
    }
}
