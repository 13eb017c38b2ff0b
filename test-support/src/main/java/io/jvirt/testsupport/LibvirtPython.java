package io.jvirt.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Asks real libvirt what it answers to a domain definition, through libvirt-python (Debian's
 * python3-libvirt for /usr/bin/python3): {@code virDomainDefineXML} or {@code virDomainCreateXML}
 * on a URI ({@code test:///default}, a {@link Libvirtd}'s), with the error's code, domain and
 * message as numbers and text (virsh prints only the text). A domain the call made is taken away
 * again (destroyed, undefined), so the reference stays as it was.
 */
public final class LibvirtPython {
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = String.join("\n",
            "import sys, libvirt",
            "libvirt.registerErrorHandler(lambda c, e: None, None)",
            "uri, op = sys.argv[1], sys.argv[2]",
            "xml = sys.stdin.read()",
            "c = libvirt.open(uri)",
            "try:",
            "    d = c.defineXML(xml) if op == 'define' else c.createXML(xml, 0)",
            "except libvirt.libvirtError as e:",
            "    print('ERR', e.get_error_code(), e.get_error_domain(), (e.get_error_message() or '').encode().hex())",
            "    sys.exit(0)",
            "name = d.name()",
            "desc = d.XMLDesc(0)",
            "if d.isActive():",
            "    d.destroy()",
            "if op == 'define':",
            "    d.undefine()",
            "print('OK', name.encode().hex(), desc.encode().hex())",
            "");

    /**
     * What libvirt answered: the domain's name and XML ({@code virDomainGetXMLDesc}, flags 0) on
     * success, else the error's code, domain and message.
     */
    public record Answer(String name, String xml, int code, int domain, String message) {
        public static Answer error(int code, int domain, String message) {
            return new Answer(null, null, code, domain, message);
        }

        public boolean ok() {
            return name != null;
        }

        @Override
        public String toString() {
            return ok() ? "OK " + name : code + "/" + domain + " " + message;
        }
    }

    private LibvirtPython() {
    }

    public static void require() {
        if (!Files.isExecutable(PYTHON) || !Files.exists(Path.of("/usr/lib/python3/dist-packages/libvirt.py"))) {
            throw new IllegalStateException("libvirt-python is missing: install Debian's python3-libvirt "
                    + "(scripts/ensure-deps.sh does)");
        }
    }

    public static Answer define(String uri, String xml) throws IOException, InterruptedException {
        return call(uri, "define", xml);
    }

    public static Answer create(String uri, String xml) throws IOException, InterruptedException {
        return call(uri, "create", xml);
    }

    private static Answer call(String uri, String op, String xml) throws IOException, InterruptedException {
        require();
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, uri, op).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("libvirt-python " + op + " on " + uri + " failed:\n" + out);
        }
        String[] f = out.split(" ");
        if (f[0].equals("OK") && f.length == 3) {
            return new Answer(unhex(f[1]), unhex(f[2]), 0, 0, null);
        }
        if (f[0].equals("ERR") && f.length >= 3) {
            return Answer.error(Integer.parseInt(f[1]), Integer.parseInt(f[2]), f.length > 3 ? unhex(f[3]) : "");
        }
        throw new AssertionError("libvirt-python " + op + " on " + uri + " printed:\n" + out);
    }

    private static String unhex(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }
}
