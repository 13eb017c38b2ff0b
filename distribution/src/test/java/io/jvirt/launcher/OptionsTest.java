package io.jvirt.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {
    private static final Path DEFAULT_DATA = Path.of("/opt/jvirt/data");

    private static Options parse(String... args) throws Exception {
        return Options.parse(List.of(args), DEFAULT_DATA);
    }

    @Test
    void noArgumentsMeansDefaultDataNoConsoleAndDaemonDefaults() throws Exception {
        Options o = parse();
        assertEquals(DEFAULT_DATA, o.data());
        assertFalse(o.console());
        assertNull(o.unixDir());
        assertNull(o.tcpProperty(), "no --tcp/--no-tcp: the daemon picks its default");
    }

    @Test
    void valuesAreTakenSeparatedOrWithEquals() throws Exception {
        Options o = parse("--data", "/var/tmp/d", "--console", "--unix-dir=/run/jv", "--tcp", "127.0.0.1:16600");
        assertEquals(Path.of("/var/tmp/d"), o.data());
        assertTrue(o.console());
        assertEquals(Path.of("/run/jv"), o.unixDir());
        assertEquals("127.0.0.1:16600", o.tcpProperty());
    }

    @Test
    void relativeDataIsResolvedAgainstTheWorkingDirectory() throws Exception {
        assertEquals(Path.of("").toAbsolutePath().resolve("d"), parse("--data", "./d").data());
    }

    @Test
    void noTcpIsPassedAsOff() throws Exception {
        assertEquals("off", parse("--no-tcp").tcpProperty());
    }

    @Test
    void badCommandLinesAreRefusedWithWhy() {
        assertEquals("unknown argument: --bogus",
                assertThrows(Options.UsageException.class, () -> parse("--bogus")).getMessage());
        assertEquals("--data needs a value",
                assertThrows(Options.UsageException.class, () -> parse("--data")).getMessage());
        assertEquals("--tcp and --no-tcp exclude each other",
                assertThrows(Options.UsageException.class, () -> parse("--tcp", "h:1", "--no-tcp")).getMessage());
        assertEquals("--tcp wants HOST:PORT, got 16509",
                assertThrows(Options.UsageException.class, () -> parse("--tcp", "16509")).getMessage());
        assertEquals("--tcp port out of range: h:70000",
                assertThrows(Options.UsageException.class, () -> parse("--tcp", "h:70000")).getMessage());
        assertEquals("--console takes no value",
                assertThrows(Options.UsageException.class, () -> parse("--console=yes")).getMessage());
    }

    @Test
    void helpIsRecognised() {
        assertThrows(Options.HelpRequested.class, () -> parse("--data", "x", "--help"));
        assertThrows(Options.HelpRequested.class, () -> parse("-h"));
    }
}
