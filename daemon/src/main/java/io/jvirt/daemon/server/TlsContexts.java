package io.jvirt.daemon.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import io.jvirt.rpc.tls.Pem;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * jvirtd's TLS context from libvirt's x509 layout, built with the JDK's own TLS stack
 * (javax.net.ssl): in a pki directory {@code cacert.pem} (the CA clients' certificates must chain
 * to), {@code servercert.pem} and {@code serverkey.pem} (PKCS#8, or PKCS#1 RSA as openssl and
 * certtool may write it; see {@link Pem}). Without a directory libvirtd's defaults:
 * {@code /etc/pki/CA/cacert.pem}, {@code /etc/pki/libvirt/servercert.pem},
 * {@code /etc/pki/libvirt/private/serverkey.pem}.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    public record ServerFiles(Path ca, Path cert, Path key) {
        public static ServerFiles of(Path pkiDir) {
            if (pkiDir == null) {
                return new ServerFiles(Path.of("/etc/pki/CA/cacert.pem"), Path.of("/etc/pki/libvirt/servercert.pem"),
                        Path.of("/etc/pki/libvirt/private/serverkey.pem"));
            }
            return new ServerFiles(pkiDir.resolve("cacert.pem"), pkiDir.resolve("servercert.pem"),
                    pkiDir.resolve("serverkey.pem"));
        }
    }

    public static SSLContext server(ServerFiles f) throws IOException {
        for (Path p : List.of(f.ca(), f.cert(), f.key())) {
            if (!Files.isReadable(p)) {
                throw new IOException("TLS: cannot read " + p);
            }
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : Pem.certificates(f.ca())) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            List<X509Certificate> chain = Pem.certificates(f.cert());
            PrivateKey key = Pem.privateKey(f.key());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, new char[0], chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: cannot load the certificates in " + f.ca().getParent() + ": " + e.getMessage(), e);
        }
    }
}
