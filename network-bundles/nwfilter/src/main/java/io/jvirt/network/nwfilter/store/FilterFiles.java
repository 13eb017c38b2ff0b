package io.jvirt.network.nwfilter.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.NWFilterDef;

/**
 * An instance's filter definitions on disk, {@code nwfilter/NAME.xml} each, as the driver formats
 * them (libvirt's {@code /etc/libvirt/nwfilter}).
 */
public final class FilterFiles {
    private final Layout layout;

    public FilterFiles(Layout layout) {
        this.layout = layout;
    }

    public void save(NWFilterDef def) {
        Path file = layout.filter(def.name());
        try {
            AtomicFiles.write(file, def.format());
        } catch (IOException e) {
            throw system("cannot write config file '" + file + "'", e);
        }
    }

    public void delete(String name) {
        Path file = layout.filter(name);
        try {
            AtomicFiles.delete(file);
        } catch (IOException e) {
            throw system("cannot remove config file '" + file + "'", e);
        }
    }

    /**
     * Every {@code *.xml} that parses and whose file name is its filter's name (libvirt's
     * virNWFilterObjListLoadAllConfigs); the others are reported to {@code skipped} and left alone.
     */
    public List<NWFilterDef> loadAll(Consumer<String> skipped) {
        List<NWFilterDef> out = new ArrayList<>();
        if (!Files.isDirectory(layout.filters())) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.filters(), "*.xml")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw system("cannot read directory '" + layout.filters() + "'", e);
        }
        files.sort(null);
        for (Path f : files) {
            String name = f.getFileName().toString();
            name = name.substring(0, name.length() - ".xml".length());
            try {
                NWFilterDef def = NWFilterDef.parse(Files.readString(f));
                if (!def.name().equals(name)) {
                    skipped.accept("network filter config filename '" + f + "' does not match name '" + def.name() + "'");
                    continue;
                }
                out.add(def);
            } catch (IOException | VirtException e) {
                skipped.accept(f + ": " + e.getMessage());
            }
        }
        return out;
    }

    static VirtException system(String message, IOException e) {
        String reason = e instanceof java.nio.file.AccessDeniedException ? "Permission denied"
                : e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NWFILTER, message + ": " + reason, e);
    }
}
