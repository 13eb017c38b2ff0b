package io.jvirt.conf.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.VirtException;

/**
 * Edge cases of our own (paths, numbers, permissions, adapters, auth, namespaces, encryption,
 * units, errors), each with what libvirt 9.0.0's test driver answered behind a libvirtd. The
 * expected results were recorded with {@code observe.py} next to the case files; to refresh them on
 * purpose, run it again against a private libvirtd ({@code ../shared/anchor/libvirtd-up}).
 */
class StorageObservedTest {
    private static final Pattern UUID_LINE = Pattern.compile("<uuid>([^<]*)</uuid>");

    record Case(String input, String expected) {
    }

    static List<Case> read(String resource) throws IOException {
        String text;
        try (InputStream in = StorageObservedTest.class.getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        for (String block : text.split("==== case\n")) {
            if (block.isEmpty()) {
                continue;
            }
            int i = block.indexOf("==== expect\n");
            cases.add(new Case(block.substring(0, i), block.substring(i + "==== expect\n".length())));
        }
        return cases;
    }

    /** Hand-written cases, then random ones ({@code random-pools.py 11 150}, {@code random-vols.py 12 150}). */
    static Stream<Arguments> pools() throws IOException {
        return Stream.concat(read("observed-pools.txt").stream(), read("observed-random-pools.txt").stream())
                .map(c -> Arguments.of(oneLine(c.input()), c));
    }

    static Stream<Arguments> vols() throws IOException {
        return Stream.concat(read("observed-vols.txt").stream(), read("observed-random-vols.txt").stream())
                .map(c -> Arguments.of(oneLine(c.input()), c));
    }

    private static String oneLine(String s) {
        String l = s.strip().replace('\n', ' ');
        return l.length() > 150 ? l.substring(0, 150) : l;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void pool(String name, Case c) {
        check(c, true, () -> StorageConformanceTest.asTestDriverDefines(StoragePoolDef.parse(c.input())).format());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vols")
    void vol(String name, Case c) {
        check(c, false, () -> StorageConformanceTest.asTestDriverCreates(
                StorageVolDef.parse(c.input(), StoragePoolType.DIR, Set.of()),
                StorageConformanceTest.TEST_POOL_PATH).format());
    }

    private static void check(Case c, boolean hasUuid, java.util.function.Supplier<String> run) {
        if (c.expected().startsWith("ERR ")) {
            String[] f = c.expected().strip().split(" ", 4);
            VirtException e = assertThrows(VirtException.class, run::get);
            assertEquals(Integer.parseInt(f[1]), e.code().value(), e.getMessage());
            assertEquals(Integer.parseInt(f[2]), e.domain().value(), e.getMessage());
            if (!f[1].equals("35")) {
                assertEquals(f[3], e.getMessage());
            }
            return;
        }
        String actual = run.get();
        String expected = c.expected();
        if (hasUuid && !c.input().contains("<uuid>")) {
            // libvirt generated a random UUID: check ours is well formed, then compare the rest
            Matcher m = UUID_LINE.matcher(actual);
            assertTrue(m.find() && m.group(1).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                    actual);
            actual = UUID_LINE.matcher(actual).replaceFirst("<uuid/>");
            expected = UUID_LINE.matcher(expected).replaceFirst("<uuid/>");
        }
        assertEquals(expected, actual);
    }
}
