package io.jvirt.driver.secret.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.SecretLifecycle;
import io.jvirt.api.SecretUsageType;
import io.jvirt.api.VirtException;
import io.jvirt.conf.secret.SecretDef;
import io.jvirt.driver.secret.SecretErrors;
import io.jvirt.driver.secret.event.SecretEvents;
import io.jvirt.spi.SecretRef;

/**
 * The secrets of one driver instance (one root), with libvirt 9.0's rules: a redefinition keeps its
 * UUID's usage ID and may not make a private secret public; a new secret may not take another's
 * usage; persistent definitions and values are written at once (0600, atomically), ephemeral ones
 * never touch the disk and are gone when the instance closes; a private value goes only to internal
 * callers. Every change queues its event before the lock is released, so events come in order.
 */
public final class SecretStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SecretStore.class.getName());

    private final Layout layout;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final SecretEvents events;
    private final Map<UUID, SecretObj> secrets = new HashMap<>();

    private SecretStore(Layout layout, FileChannel lockFile, FileLock lock) {
        this.layout = layout;
        this.lockFile = lockFile;
        this.lock = lock;
        this.events = new SecretEvents(layout.root().toString());
    }

    /**
     * Opens the instance of {@code root}: creates its directory (0700), takes its lock (a second
     * process on the same root fails, as libvirt's driver.pid does) and loads its persistent secrets.
     */
    public static SecretStore open(Path root) {
        Layout layout = new Layout(root);
        Path lockPath = layout.lock();
        FileChannel ch;
        try {
            PrivateFiles.directory(layout.dir());
            ch = FileChannel.open(lockPath, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PrivateFiles.FILE));
        } catch (IOException e) {
            throw SecretErrors.system("cannot create state directory '" + layout.dir() + "'", e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(ch);
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE,
                    "Failed to acquire pid file '" + lockPath + "': Resource temporarily unavailable");
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            LOG.warning("cannot write " + lockPath + ": " + e.getMessage());
        }
        SecretStore store = new SecretStore(layout, ch, lock);
        store.loadAll();
        return store;
    }

    public Path root() {
        return layout.root();
    }

    public Layout layout() {
        return layout;
    }

    public SecretEvents events() {
        return events;
    }

    /** How the SPI names a secret of this definition. */
    public static SecretRef refOf(SecretDef def) {
        return new SecretRef(def.uuid(), def.usage().type(), def.usage().idOrEmpty());
    }

    /** All definitions, by UUID (virsh sorts them so too). */
    public synchronized List<SecretDef> list() {
        return secrets.values().stream().map(o -> o.def).sorted(Comparator.comparing(d -> d.uuid().toString()))
                .toList();
    }

    public synchronized SecretDef byUuid(UUID uuid) {
        return get(uuid).def;
    }

    /** The secret of a usage; a secret without usage is never found by one. */
    public synchronized SecretDef byUsage(SecretUsageType type, String usageId) {
        SecretObj o = findUsage(type, usageId);
        if (o == null) {
            throw SecretErrors.noSuchUsage(usageId);
        }
        return o.def;
    }

    /** Defines a secret, or redefines the one with the same UUID; returns what is now defined. */
    public synchronized SecretDef define(SecretDef def) {
        SecretObj existing = secrets.get(def.uuid());
        if (existing != null) {
            redefine(existing, def);
        } else {
            SecretObj taken = findUsage(def.usage().type(), def.usage().id());
            if (taken != null) {
                throw SecretErrors.internal("a secret with UUID " + taken.def.uuid() + " already defined for use with "
                        + def.usage().id());
            }
            if (!def.isEphemeral()) {
                saveDefinition(def);
            }
            secrets.put(def.uuid(), new SecretObj(def));
        }
        events.lifecycle(refOf(def), SecretLifecycle.DEFINED);
        return def;
    }

    private void redefine(SecretObj obj, SecretDef def) {
        SecretDef old = obj.def;
        if (!Objects.equals(old.usage().id(), def.usage().id())) {
            throw SecretErrors.internal("a secret with UUID " + def.uuid() + " is already defined for use with "
                    + (old.usage().id() == null ? "(null)" : old.usage().id()));
        }
        if (old.isPrivate() && !def.isPrivate()) {
            throw SecretErrors.internal("cannot change private flag on existing secret");
        }
        if (!def.isEphemeral()) {
            boolean wroteValue = false;
            if (old.isEphemeral() && obj.value != null) {
                saveValue(def.uuid(), obj.value);
                wroteValue = true;
            }
            try {
                saveDefinition(def);
            } catch (VirtException e) {
                if (wroteValue) {
                    deleteQuietly(layout.value(def.uuid()));
                }
                throw e;
            }
        } else if (!old.isEphemeral()) {
            // now kept in memory only: its files go (libvirt 9.0 leaves the definition file behind)
            delete(layout.definition(def.uuid()));
            deleteQuietly(layout.value(def.uuid()));
        }
        obj.def = def;
    }

    public synchronized void undefine(UUID uuid) {
        SecretObj obj = get(uuid);
        if (!obj.def.isEphemeral()) {
            delete(layout.definition(uuid));
        }
        events.lifecycle(refOf(obj.def), SecretLifecycle.UNDEFINED);
        deleteQuietly(layout.value(uuid));
        secrets.remove(uuid);
        obj.replaceValue(null);
    }

    public synchronized void setValue(UUID uuid, byte[] value) {
        SecretObj obj = get(uuid);
        byte[] copy = value.clone();
        if (!obj.def.isEphemeral()) {
            try {
                saveValue(uuid, copy);
            } catch (VirtException e) {
                PrivateFiles.wipe(copy);
                throw e;
            }
        }
        obj.replaceValue(copy);
        events.valueChanged(refOf(obj.def));
    }

    /**
     * The value; a private secret's only for an {@code internal} caller (a driver of the platform
     * that needs the key), never for a client.
     */
    public synchronized byte[] value(UUID uuid, boolean internal) {
        SecretObj obj = get(uuid);
        if (obj.def.isPrivate() && !internal) {
            throw SecretErrors.isPrivate();
        }
        if (obj.value == null || obj.value.length == 0) {
            throw SecretErrors.noValue(uuid);
        }
        return obj.value.clone();
    }

    /** Lets go of the root: ephemeral secrets and values in memory are gone. */
    @Override
    public synchronized void close() {
        events.close();
        secrets.values().forEach(o -> o.replaceValue(null));
        secrets.clear();
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(lockFile);
    }

    private SecretObj get(UUID uuid) {
        SecretObj o = secrets.get(uuid);
        if (o == null) {
            throw SecretErrors.noSuchUuid(uuid);
        }
        return o;
    }

    private SecretObj findUsage(SecretUsageType type, String usageId) {
        if (type == SecretUsageType.NONE) {
            return null;
        }
        for (SecretObj o : secrets.values()) {
            if (o.def.usage().type() == type && o.def.usage().id().equals(usageId)) {
                return o;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ files

    private void saveDefinition(SecretDef def) {
        Path file = layout.definition(def.uuid());
        try {
            PrivateFiles.write(file, def.format().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw SecretErrors.system("cannot write secret file '" + file + "'", e);
        }
    }

    /** The value as libvirt stores it: base64 without line breaks. */
    private void saveValue(UUID uuid, byte[] value) {
        Path file = layout.value(uuid);
        byte[] text = Base64.getEncoder().encode(value);
        try {
            PrivateFiles.write(file, text);
        } catch (IOException e) {
            throw SecretErrors.system("cannot write secret value file '" + file + "'", e);
        } finally {
            PrivateFiles.wipe(text);
        }
    }

    private static void delete(Path file) {
        try {
            PrivateFiles.delete(file);
        } catch (IOException e) {
            throw SecretErrors.system("cannot unlink '" + file + "'", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            PrivateFiles.delete(file);
        } catch (IOException e) {
            LOG.warning("cannot unlink '" + file + "': " + e.getMessage());
        }
    }

    /** libvirt's load at start: every {@code *.xml}; a file it cannot take is logged and skipped. */
    private void loadAll() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.dir(), "*.xml")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw SecretErrors.system("cannot read directory '" + layout.dir() + "'", e);
        }
        files.sort(Comparator.naturalOrder());
        for (Path file : files) {
            try {
                load(file);
            } catch (VirtException | IOException | IllegalArgumentException e) {
                LOG.warning("Error reading secret: " + e.getMessage());
            }
        }
    }

    private void load(Path file) throws IOException {
        SecretDef def = SecretDef.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (!file.getFileName().toString().equals(def.uuid() + ".xml")) {
            throw SecretErrors.internal("<uuid> does not match secret file name '" + file.getFileName() + "'");
        }
        if (secrets.containsKey(def.uuid()) || findUsage(def.usage().type(), def.usage().id()) != null) {
            throw SecretErrors.internal("a secret with UUID " + def.uuid() + " or for use with "
                    + def.usage().id() + " is already loaded (" + file + ")");
        }
        SecretObj obj = new SecretObj(def);
        Path valueFile = layout.value(def.uuid());
        if (Files.exists(valueFile)) {
            byte[] text = PrivateFiles.read(valueFile);
            try {
                byte[] value = Base64.getMimeDecoder().decode(text);
                obj.value = value.length == 0 ? null : value;
            } finally {
                PrivateFiles.wipe(text);
            }
        }
        secrets.put(def.uuid(), obj);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
