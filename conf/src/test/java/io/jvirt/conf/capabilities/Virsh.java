package io.jvirt.conf.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The real virsh (libvirt 9.0's client) as these tests read it: a command's whole stdout. */
final class Virsh {
    private Virsh() {
    }

    static void requireVirsh() {
        io.jvirt.testsupport.Virsh.require();
    }

    /** stdout of {@code virsh -c uri args...} (not quiet: see {@link #document}); fails on a non-zero exit. */
    static String run(String uri, String... args) {
        List<String> argv = new ArrayList<>(List.of("-c", uri));
        argv.addAll(List.of(args));
        try {
            io.jvirt.testsupport.Virsh.Result r = io.jvirt.testsupport.Virsh.exec(argv);
            assertEquals(0, r.exit(), () -> "virsh " + String.join(" ", argv) + " failed: " + r.err());
            return r.out();
        } catch (IOException e) {
            throw new AssertionError("cannot run virsh " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The document as libvirt returned it: virsh 9.0 prints a capabilities or domain capabilities
     * document followed by a newline, and (without {@code -q}) one more newline after the command; the
     * document's own text ends with one newline (as virConnectGetCapabilities returns it through the
     * Python binding).
     */
    static String document(String printed) {
        assertTrue(printed.endsWith(">\n\n\n"), "virsh output does not end with the document and two newlines");
        return printed.substring(0, printed.length() - 2);
    }
}
