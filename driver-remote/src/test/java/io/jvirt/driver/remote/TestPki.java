package io.jvirt.driver.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway x509 PKI made with openssl during the test, in libvirt's layout: one directory with
 * {@code cacert.pem}, {@code servercert.pem}, {@code serverkey.pem} (PKCS#1 RSA, as
 * {@code openssl genrsa -traditional} and older certtool write it, to exercise that reader),
 * {@code clientcert.pem}, {@code clientkey.pem} (PKCS#8). Extensions are the ones libvirt's
 * certificate sanity checks want (CA basic constraints and keyCertSign, serverAuth / clientAuth,
 * the server's name localhost only, so that 127.0.0.1 is a wrong name).
 */
final class TestPki {
    final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** A CA with a server and a client certificate. */
    static TestPki create(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            throw new IllegalStateException("openssl is missing: apt-get install openssl");
        }
        Files.createDirectories(dir);
        TestPki p = new TestPki(dir);
        p.ca("jvirt test CA");
        p.leaf("server", "localhost", "serverAuth", "subjectAltName=DNS:localhost", true);
        p.leaf("client", "jvirt test client", "clientAuth", null, false);
        return p;
    }

    /** Another CA and a client certificate it signed (servers trusting the first CA refuse it). */
    static TestPki rogueClient(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestPki p = new TestPki(dir);
        p.ca("rogue CA");
        p.leaf("client", "rogue client", "clientAuth", null, false);
        return p;
    }

    /** A client directory holding the CA of {@code trust} and the client certificate of {@code client}. */
    static Path clientDir(Path dir, TestPki trust, TestPki client) throws IOException {
        Files.createDirectories(dir);
        Files.copy(trust.dir.resolve("cacert.pem"), dir.resolve("cacert.pem"));
        Files.copy(client.dir.resolve("clientcert.pem"), dir.resolve("clientcert.pem"));
        Files.copy(client.dir.resolve("clientkey.pem"), dir.resolve("clientkey.pem"));
        return dir;
    }

    private void ca(String cn) throws IOException, InterruptedException {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "cakey.pem");
        Files.writeString(dir.resolve("ca.ext"), "basicConstraints=critical,CA:TRUE\n"
                + "keyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n");
        openssl("req", "-new", "-x509", "-key", "cakey.pem", "-out", "cacert.pem", "-days", "2", "-subj", "/CN=" + cn,
                "-extensions", "v3_ca", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void leaf(String role, String cn, String eku, String san, boolean pkcs1) throws IOException, InterruptedException {
        if (pkcs1) {
            openssl("genrsa", "-traditional", "-out", role + "key.pem", "2048");
        } else {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", role + "key.pem");
        }
        openssl("req", "-new", "-key", role + "key.pem", "-out", role + ".csr", "-subj", "/O=jvirt/CN=" + cn);
        Files.writeString(dir.resolve(role + ".ext"), "basicConstraints=critical,CA:FALSE\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=" + eku + "\n"
                + (san != null ? san + "\n" : ""));
        openssl("x509", "-req", "-in", role + ".csr", "-CA", "cacert.pem", "-CAkey", "cakey.pem", "-CAcreateserial",
                "-out", role + "cert.pem", "-days", "2", "-extfile", role + ".ext");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("/usr/bin/openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + out);
        }
    }
}
