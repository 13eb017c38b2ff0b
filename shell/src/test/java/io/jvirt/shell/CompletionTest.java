package io.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.shell.virsh.Opt;
import io.jvirt.shell.virsh.Platform;
import io.jvirt.shell.virsh.SessionState;
import io.jvirt.shell.virsh.Virsh;

/**
 * Completion of the {@code virt:} commands offers what real virsh's own completion offers
 * ({@code virsh complete -- LINE}) against {@code test:///default} after the same commands: the
 * domain, network and pool names each option takes (with virsh's state filters: {@code start}
 * offers inactive domains, {@code resume} paused ones), fixed values, and the options not given
 * yet. virsh knows options jvirt's commands do not have yet; those are left out of its answer.
 */
class CompletionTest {
    @TempDir
    static Path dir;

    /** Commands run first in the same session, then the line to complete (a trailing space: an empty word). */
    record Case(List<String> setup, String line) {
        @Override
        public String toString() {
            return setup + " then complete '" + line + "'";
        }
    }

    static Stream<Case> cases() throws Exception {
        Path alpha = dir.resolve("alpha.xml");
        Files.writeString(alpha, domain("Alpha"));
        Path beta = dir.resolve("beta.xml");
        Files.writeString(beta, domain("beta"));
        List<String> three = List.of("define " + alpha, "define " + beta);
        return Stream.of(
                new Case(List.of(), "dominfo t"),
                new Case(List.of(), "dominfo --domain "),
                new Case(three, "dumpxml --domain "),
                new Case(three, "undefine --domain "),
                new Case(three, "start --domain "),
                new Case(three, "start b"),
                new Case(three, "destroy --domain "),
                new Case(List.of("suspend test"), "resume --domain "),
                new Case(List.of(), "suspend --domain "),
                new Case(List.of("suspend test"), "shutdown --domain "),
                new Case(List.of(), "net-info d"),
                new Case(List.of(), "net-info --network "),
                new Case(List.of(), "vol-list d"),
                new Case(List.of(), "vol-list --pool "),
                new Case(List.of(), "shutdown test --mode "),
                new Case(List.of(), "shutdown test --mode a"),
                new Case(List.of(), "dominfo "),
                new Case(List.of(), "list --all --n"),
                new Case(List.of(), "list "),
                new Case(List.of(), "net-list --"),
                new Case(List.of(), "pool-list --details --"),
                new Case(List.of(), "dumpxml test --"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void offersWhatVirshOffers(Case c) throws Exception {
        List<String> expected = virsh(c);
        assertFalse(expected.isEmpty(), "virsh offers nothing for " + c + ": the case shows nothing");
        List<String> actual = jvirt(c);
        if (expected.get(0).startsWith("--")) {
            Set<String> ours = new Virsh().command(command(c)).options().stream().map(o -> "--" + o.name())
                    .collect(Collectors.toSet());
            expected = expected.stream().filter(ours::contains).toList();
            assertEquals(expected, actual, "options offered for " + c);
        } else {
            // virsh lists names in the driver's order; jvirt sorts them as its list commands do
            assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), "names offered for " + c);
        }
    }

    @Test
    void offersNothingWithoutAConnection() {
        Platform none = new Platform() {
            @Override
            public io.jvirt.api.Virt virt() {
                return null;
            }

            @Override
            public io.jvirt.api.runtime.DriverRegistryRuntime registry() {
                return null;
            }

            @Override
            public String bundleState(long bundleId) {
                return "ACTIVE";
            }
        };
        assertEquals(List.of(), new Virsh().complete("dominfo", List.of(), "t", none, new MapState()));
        assertEquals(List.of("--domain"), new Virsh().complete("dominfo", List.of(), "", none, new MapState()));
        assertTrue(new Virsh().complete("nope", List.of(), "", none, new MapState()).isEmpty());
    }

    private static List<String> virsh(Case c) throws Exception {
        Path virsh = Path.of("/usr/bin/virsh");
        if (!Files.isExecutable(virsh)) {
            fail("real virsh is needed to compare with: install Debian's libvirt-clients (scripts/ensure-deps.sh)");
        }
        List<String> script = new ArrayList<>(c.setup());
        script.add("echo MARK");
        script.add("complete -- " + words(c.line()).stream().map(w -> "'" + w + "'").collect(Collectors.joining(" ")));
        Process p = new ProcessBuilder(virsh.toString(), "-c", "test:///default", String.join(" ; ", script))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        int mark = out.lastIndexOf("MARK\n");
        if (mark < 0) {
            fail("virsh did not run " + script + ":\n" + out);
        }
        return out.substring(mark + 5).lines().filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> jvirt(Case c) {
        Virsh virsh = new Virsh();
        Platform platform = VirshSession.testPlatform();
        MapState session = new MapState();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        for (String command : c.setup()) {
            List<String> w = Arrays.asList(command.split(" "));
            assertTrue(virsh.run(w.get(0), w.subList(1, w.size()), platform, session, discard, discard), command);
        }
        List<String> w = words(c.line());
        return virsh.complete(w.get(0), w.subList(1, w.size() - 1), w.get(w.size() - 1), platform, session);
    }

    /** The line's words; the last is the one under the cursor (empty after a trailing space). */
    private static List<String> words(String line) {
        List<String> w = new ArrayList<>(Arrays.asList(line.split(" ")));
        if (line.endsWith(" ")) {
            w.add("");
        }
        return w;
    }

    private static String command(Case c) {
        return c.line().split(" ")[0];
    }

    private static String domain(String name) {
        return "<domain type='test'><name>" + name + "</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu>"
                + "<os><type arch='i686'>hvm</type></os></domain>\n";
    }

    static final class MapState implements SessionState {
        private final Map<String, Object> values = new HashMap<>();

        @Override
        public Object get(String key) {
            return values.get(key);
        }

        @Override
        public void put(String key, Object value) {
            values.put(key, value);
        }
    }
}
