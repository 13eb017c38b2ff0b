package io.jvirt.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

import io.jvirt.itest.stub.StubActivator;

/**
 * Builds one small secondary driver bundle per kind from the classes of {@code io.jvirt.itest.stub}
 * (there are no real network, storage, ... drivers yet): a plain jar with an OSGi manifest, written
 * under {@code target/stub-bundles/} and installed by {@code file:} URL, so that a test can update
 * it as it would a real driver bundle. Runs outside the framework, in the JUnit driver.
 */
public final class StubBundles {
    public static final List<String> KINDS = List.of("network", "storage", "nwfilter", "interface", "nodedev");

    private StubBundles() {
    }

    public static String bsn(String kind) {
        return "io.jvirt.itest.stub." + kind;
    }

    /** The stub bundle of every kind, installed and started at boot. */
    public static Option[] all() {
        return KINDS.stream().map(k -> bundle(jar(k).toURI().toString())).toArray(Option[]::new);
    }

    static File jar(String kind) {
        try {
            Path classes = Path.of(StubActivator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path pkg = classes.resolve(StubActivator.class.getPackageName().replace('.', '/'));
            Path out = classes.getParent().resolve("stub-bundles").resolve(kind + ".jar");
            Files.createDirectories(out.getParent());
            Manifest mf = new Manifest();
            Attributes a = mf.getMainAttributes();
            a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            a.putValue("Bundle-ManifestVersion", "2");
            a.putValue("Bundle-SymbolicName", bsn(kind));
            a.putValue("Bundle-Version", "1.0.0");
            a.putValue("Bundle-Activator", StubActivator.class.getName());
            a.putValue("Import-Package", "io.jvirt.api;version=\"[1,2)\",io.jvirt.spi;version=\"[1,2)\","
                    + "org.osgi.framework");
            a.putValue("Stub-Kind", kind);
            try (OutputStream os = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(os, mf);
                    Stream<Path> files = Files.list(pkg)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                    jar.write(Files.readAllBytes(f));
                    jar.closeEntry();
                }
            }
            return out.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
