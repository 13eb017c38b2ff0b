package io.jvirt.shell;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;

import io.jvirt.api.Virt;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.driver.test.TestDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.shell.virsh.CommandDef;
import io.jvirt.shell.virsh.Platform;
import io.jvirt.shell.virsh.Virsh;

/**
 * Both sides of a comparison: real virsh against libvirt's own test driver, and the {@code virt:}
 * commands run by Gogo's real command processor against jvirt's test driver (a fresh state per
 * run, as each virsh run has).
 */
final class VirshSession {
    /** What a run printed. */
    record Output(String out, String err) {
        /** The CPU time of the test driver's domains is wall-clock time: blank its digits. */
        Output normalized() {
            return new Output(out.replaceAll("(?m)^(CPU time: +)[0-9.]+s$", "$1Ns"), err);
        }
    }

    private VirshSession() {
    }

    /** Real virsh: one {@code virsh -c test:///default "c1; c2; ..."} run. */
    static Output virsh(List<String> commands) throws IOException, InterruptedException {
        Path virsh = Path.of("/usr/bin/virsh");
        if (!Files.isExecutable(virsh)) {
            fail("real virsh is needed to compare with: install Debian's libvirt-clients (scripts/ensure-deps.sh)");
        }
        Path out = Files.createTempFile("virsh-out", ".txt");
        Path err = Files.createTempFile("virsh-err", ".txt");
        try {
            Process p = new ProcessBuilder(virsh.toString(), "-c", "test:///default", String.join(" ; ", commands))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            p.waitFor();
            return new Output(Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The same commands through Gogo's command processor, each as {@code virt:COMMAND}, in one session. */
    static Output gogo(List<String> commands) throws Exception {
        return gogo(commands, testPlatform());
    }

    /** jvirt's test driver behind the registry's in-process platform, with a fresh test:///default. */
    static Platform testPlatform() {
        InProcessVirt virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");
        return new Platform() {
            @Override
            public Virt virt() {
                return virt;
            }

            @Override
            public DriverRegistryRuntime registry() {
                return null;
            }

            @Override
            public String bundleState(long bundleId) {
                return "ACTIVE";
            }
        };
    }

    static Output gogo(List<String> commands, Platform platform) throws Exception {
        ThreadIOImpl threadIO = new ThreadIOImpl();
        threadIO.start();
        try {
            CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
            Virsh virsh = new Virsh();
            for (CommandDef def : virsh.commands()) {
                processor.addCommand("virt", GogoCommand.of(virsh, def.name(), platform), def.name());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), o, e);
            try {
                for (String c : commands) {
                    session.execute("virt:" + c);
                }
                if (session.get("jvirt.shell.connection") instanceof io.jvirt.api.Connect c) {
                    c.close();
                }
            } finally {
                session.close();
            }
            return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            threadIO.stop();
        }
    }
}
