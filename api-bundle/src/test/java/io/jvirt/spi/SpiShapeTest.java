package io.jvirt.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The SPI's shape (issue 13, part 6): {@link HypervisorDriver} is the sum of per-concern interfaces
 * (host, domain, snapshot, checkpoint, stats) and keeps only what concerns the connection itself;
 * the types a driver implements are {@code @ConsumerType}, the sinks and services the platform
 * implements and hands to drivers are {@code @ProviderType}, so that bnd's baseline lets the
 * platform add methods to the latter in a minor version. The annotations have class retention:
 * they are read from the class files.
 */
class SpiShapeTest {
    private static final String PROVIDER = "Lorg/osgi/annotation/versioning/ProviderType;";
    private static final String CONSUMER = "Lorg/osgi/annotation/versioning/ConsumerType;";

    /** The concerns HypervisorDriver is split into, in its extends clause. */
    private static final List<Class<?>> CONCERNS = List.of(HostDriver.class, DomainDriver.class,
            DomainSnapshotDriver.class, DomainCheckpointDriver.class, DomainStatsDriver.class);

    /** What the platform implements and a driver only calls. */
    private static final List<Class<?>> PLATFORM_IMPLEMENTS = List.of(DomainEventSink.class, NetworkEventSink.class,
            StoragePoolEventSink.class, NodeDeviceEventSink.class, SecretEventSink.class, CloseSink.class,
            SecondaryConnections.class, Caller.class, StreamRef.class);

    @Test
    void hypervisorDriverExtendsOneInterfacePerConcern() {
        assertEquals(CONCERNS, Arrays.asList(HypervisorDriver.class.getInterfaces()));
        for (Class<?> concern : CONCERNS) {
            assertTrue(concern.isInterface() && concern.getInterfaces().length == 0,
                    concern.getSimpleName() + " should be a root interface of its own");
            assertTrue(concern.getDeclaredMethods().length > 0, concern.getSimpleName() + " declares nothing");
            for (Method m : concern.getDeclaredMethods()) {
                assertTrue(m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.isSynthetic(),
                        concern.getSimpleName() + "." + m.getName() + " must have a default (NO_SUPPORT): a driver "
                                + "implements only what it supports");
            }
        }
    }

    @Test
    void eachConcernHoldsItsOwnCalls() {
        assertAllNamed(DomainSnapshotDriver.class, "Snapshot");
        assertAllNamed(DomainCheckpointDriver.class, "Checkpoint");
        for (Method m : DomainDriver.class.getDeclaredMethods()) {
            assertTrue(!m.getName().contains("Snapshot") && !m.getName().contains("Checkpoint"),
                    "DomainDriver." + m.getName() + " belongs to the snapshot or checkpoint interface");
        }
        for (Method m : HostDriver.class.getDeclaredMethods()) {
            assertTrue(!m.getName().startsWith("domain"), "HostDriver." + m.getName() + " is a domain call");
        }
        // HypervisorDriver itself: the connection's own life and its secondary drivers, no object calls
        List<String> own = Arrays.stream(HypervisorDriver.class.getDeclaredMethods()).filter(m -> !m.isSynthetic())
                .map(Method::getName).sorted().collect(Collectors.toList());
        for (String name : own) {
            assertTrue(name.startsWith("connect") || name.endsWith("Driver"),
                    "HypervisorDriver." + name + " belongs to one of " + CONCERNS + ": " + own);
        }
        assertTrue(own.size() <= 20, "HypervisorDriver declares " + own.size() + " methods itself: " + own);
    }

    @Test
    void whatThePlatformImplementsIsProviderTypeAndWhatDriversImplementIsConsumerType() throws Exception {
        for (Class<?> c : PLATFORM_IMPLEMENTS) {
            assertTrue(annotations(c).contains(PROVIDER), c.getName() + " is not @ProviderType");
        }
        List<String> wrong = new ArrayList<>();
        for (Class<?> c : spiTypes()) {
            String a = annotations(c);
            if (c.getSimpleName().endsWith("Sink") && !a.contains(PROVIDER)) {
                wrong.add(c.getSimpleName() + " (a sink the platform implements) is not @ProviderType");
            }
            if (c.getSimpleName().endsWith("Driver") && c.isInterface() && !a.contains(CONSUMER)) {
                wrong.add(c.getSimpleName() + " (implemented by drivers) is not @ConsumerType");
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static void assertAllNamed(Class<?> c, String word) {
        for (Method m : c.getDeclaredMethods()) {
            assertTrue(m.getName().contains(word), c.getSimpleName() + "." + m.getName() + " is not a " + word + " call");
        }
    }

    /** The class file's text, in which annotation descriptors appear as they are. */
    private static String annotations(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Every top-level type of io.jvirt.spi, from the class directory or jar the SPI was loaded from. */
    private static List<Class<?>> spiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(HypervisorDriver.class.getResource("HypervisorDriver.class").toURI()).getParent();
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$")
                    && !n.equals("package-info.class")).forEach(n -> names.add(n.substring(0, n.length() - 6)));
        }
        assertTrue(names.size() > 30, "found only " + names + " in " + dir);
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            out.add(Class.forName("io.jvirt.spi." + n));
        }
        return out;
    }
}
