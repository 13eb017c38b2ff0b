package io.jvirt.network.nwfilter.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.NWFilterBindingDef;

/**
 * An instance's bindings on disk, {@code run/nwfilter-binding/PORTDEV.xml} each, holding
 * {@code <filterbindingstatus>} around the binding as libvirt's status files do. They last until
 * the host reboots: a file written during another boot (see {@link #loadAll}) is of a tap that is
 * gone, as libvirt's {@code /run} is emptied by a reboot.
 */
public final class BindingFiles {
    private static final String OPEN = "<filterbindingstatus>\n";
    private static final String CLOSE = "</filterbindingstatus>\n";

    private final Layout layout;

    public BindingFiles(Layout layout) {
        this.layout = layout;
    }

    public void save(NWFilterBindingDef def) {
        Path file = layout.binding(def.portDev());
        try {
            AtomicFiles.write(file, format(def));
            markBoot();
        } catch (IOException e) {
            throw FilterFiles.system("cannot write status file '" + file + "'", e);
        }
    }

    public void delete(String portDev) {
        Path file = layout.binding(portDev);
        try {
            AtomicFiles.delete(file);
        } catch (IOException e) {
            throw FilterFiles.system("Unable to remove status '" + file + "' for nwfilter binding " + portDev + "'", e);
        }
    }

    static String format(NWFilterBindingDef def) {
        StringBuilder sb = new StringBuilder(OPEN);
        for (String line : def.format().split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.append(CLOSE).toString();
    }

    static NWFilterBindingDef parse(String text) {
        int open = text.indexOf("<filterbindingstatus>");
        int close = text.lastIndexOf("</filterbindingstatus>");
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a filter binding status");
        }
        return NWFilterBindingDef.parse(text.substring(open + "<filterbindingstatus>".length(), close));
    }

    /** The bindings written during this boot; those of an earlier boot are removed. */
    public List<NWFilterBindingDef> loadAll(String bootId, Consumer<String> skipped) {
        List<NWFilterBindingDef> out = new ArrayList<>();
        if (!Files.isDirectory(layout.bindings())) {
            return out;
        }
        boolean stale = !bootId.equals(recordedBoot());
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.bindings(), "*.xml")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw FilterFiles.system("cannot read directory '" + layout.bindings() + "'", e);
        }
        files.sort(null);
        for (Path f : files) {
            try {
                if (stale) {
                    AtomicFiles.delete(f);
                    continue;
                }
                out.add(parse(Files.readString(f)));
            } catch (IOException | VirtException | IllegalArgumentException e) {
                skipped.accept(f + ": " + e.getMessage());
            }
        }
        return out;
    }

    private String recordedBoot() {
        try {
            return Files.readString(layout.bootId()).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private void markBoot() throws IOException {
        String boot = currentBoot();
        if (!boot.equals(recordedBoot())) {
            AtomicFiles.write(layout.bootId(), boot + "\n");
        }
    }

    /** The kernel's id of this boot ({@code /proc/sys/kernel/random/boot_id}). */
    public static String currentBoot() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
