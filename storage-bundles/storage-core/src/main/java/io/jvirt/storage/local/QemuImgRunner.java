package io.jvirt.storage.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.FileFormat;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.conf.storage.VolEncryption;
import io.jvirt.storage.backend.PoolContext;

/**
 * Runs {@link QemuImg}'s commands as libvirt's {@code storageBackendCreateQemuImg}: passphrases go
 * to private temporary files for the time of the command, an encrypted conversion runs its create and
 * convert steps (the created file is removed when the conversion fails), and the new file gets the
 * volume's owner and mode (0600 by default).
 */
public final class QemuImgRunner {
    /** The qcow2 compat level of volumes that name none; see {@link QemuImg#LIBVIRT_9_DEFAULT_COMPAT}. */
    private static volatile String defaultCompat = QemuImg.LIBVIRT_9_DEFAULT_COMPAT;

    private QemuImgRunner() {
    }

    public static void defaultCompat(String compat) {
        defaultCompat = compat;
    }

    static String tool() {
        if (!Command.available("qemu-img")) {
            throw StorageErrors.internal("creation of non-raw file images is not supported without qemu-img.");
        }
        return Command.resolve("qemu-img");
    }

    /** Creates {@code vol} (from {@code input} when not null) with qemu-img. */
    public static void create(PoolContext pool, StorageVolDef vol, StorageVolDef input, int flags) {
        String tool = tool();
        Path secret = null;
        Path inputSecret = null;
        try {
            if (vol.target().encryption() != null) {
                secret = secretFile(pool, vol);
            }
            if (input != null && input.target().encryption() != null) {
                inputSecret = secretFile(pool, input);
            }
            QemuImg.Step step = (secret != null || inputSecret != null) && input != null ? QemuImg.Step.CREATE
                    : QemuImg.Step.NONE;
            StorageVolDef target = vol.target().format() == null || vol.target().format() == FileFormat.NONE
                    ? vol.withTarget(new io.jvirt.conf.storage.VolTarget(vol.target().path(), FileFormat.RAW,
                            vol.target().perms(), vol.target().timestamps(), vol.target().encryption(),
                            vol.target().compat(), vol.target().nocow(), vol.target().clusterSize(),
                            vol.target().features()))
                    : vol;
            do {
                Command cmd = QemuImg.command(pool.def(), target, input, flags, tool,
                        secret == null ? null : secret.toString(), inputSecret == null ? null : inputSecret.toString(),
                        step, defaultCompat);
                try {
                    exec(vol, cmd);
                } catch (VirtException e) {
                    if (step == QemuImg.Step.CONVERT) {
                        LocalVolumes.removeQuietly(vol.target().path());
                    }
                    throw e;
                }
                step = step == QemuImg.Step.CREATE ? QemuImg.Step.CONVERT : null;
            } while (step != null);
        } finally {
            deleteQuietly(secret);
            deleteQuietly(inputSecret);
        }
    }

    /** {@code virStorageBackendCreateExecCommand}: run, then owner and mode as the volume asks. */
    private static void exec(StorageVolDef vol, Command cmd) {
        String path = vol.target().path();
        boolean existed = Files.exists(Path.of(path));
        try {
            cmd.run();
        } catch (VirtException e) {
            if (!existed) {
                LocalVolumes.removeQuietly(path);
            }
            throw e;
        }
        if (!Files.exists(Path.of(path))) {
            throw StorageErrors.system("failed to create " + path, "No such file or directory");
        }
        Integer m = vol.target().perms().mode();
        int mode = m != null ? m : LocalVolumes.DEFAULT_VOL_MODE;
        int fd;
        try {
            fd = Posix.open(path, Posix.O_RDONLY | Posix.O_NONBLOCK, 0, "cannot open '" + path + "'");
        } catch (PosixException e) {
            throw e.toVirt();
        }
        try {
            LocalVolumes.setOwnerAndMode(fd, path, vol.target().perms(), mode);
        } catch (VirtException e) {
            if (!existed) {
                LocalVolumes.removeQuietly(path);
            }
            throw e;
        } finally {
            Posix.closeQuietly(fd);
        }
    }

    /** {@code qemu-img resize}, with the passphrase for encrypted volumes. */
    public static void resize(PoolContext pool, StorageVolDef vol, long capacity) {
        VolEncryption enc = vol.target().encryption();
        if (enc != null && (enc.format() == VolEncryption.Format.QCOW || enc.format() == VolEncryption.Format.DEFAULT)
                && (vol.target().format() == FileFormat.QCOW || vol.target().format() == FileFormat.QCOW2)) {
            throw StorageErrors.of(ErrorCode.CONFIG_UNSUPPORTED, "resize of qcow2 encrypted image is not supported");
        }
        if (!Command.available("qemu-img")) {
            throw StorageErrors.internal("unable to find qemu-img");
        }
        String tool = Command.resolve("qemu-img");
        Path secret = null;
        try {
            if (enc != null) {
                secret = secretFile(pool, vol);
            }
            QemuImg.resize(tool, vol, capacity, secret == null ? null : secret.toString()).run();
        } finally {
            deleteQuietly(secret);
        }
    }

    /**
     * The volume's passphrase in a file only the driver reads ({@code POOL.VOL.secret.XXXXXX} in
     * the driver's run directory), as libvirt hands it to qemu-img.
     */
    private static Path secretFile(PoolContext pool, StorageVolDef vol) {
        VolEncryption enc = vol.target().encryption();
        if (enc.secrets().size() != 1) {
            throw StorageErrors.of(ErrorCode.INVALID_ARG,
                    "A single <secret type='passphrase'...> element is expected in encryption description");
        }
        byte[] value = pool.secrets().value(enc, vol.target().path());
        try {
            Files.createDirectories(pool.runDir());
            Path f = Files.createTempFile(pool.runDir(), pool.def().name() + "." + vol.name() + ".secret.", "",
                    LocalVolumes.privateFile());
            Files.write(f, value);
            return f;
        } catch (IOException e) {
            throw StorageErrors.system("failed to open secret file for write", e.getMessage());
        } finally {
            java.util.Arrays.fill(value, (byte) 0);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // the file held a passphrase for the command that has run: nothing else to do
            }
        }
    }
}
