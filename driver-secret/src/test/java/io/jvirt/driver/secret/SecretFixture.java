package io.jvirt.driver.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.jvirt.api.ConnectUri;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.spi.OpenResult;

/** A secret driver on temporary roots, opened by URI as the registry opens it. */
final class SecretFixture implements AutoCloseable {
    final Path dir;
    SecretDriverComponent driver;

    SecretFixture() throws IOException {
        dir = Files.createTempDirectory("jvirt-secret");
        driver = newDriver();
    }

    SecretDriverComponent newDriver() {
        return new SecretDriverComponent(dir.resolve("system"), dir.resolve("session"),
                new SchemaValidator(SchemaValidator.DEFAULT_DIR));
    }

    /** The component deactivated and a new one activated on the same roots (a bundle update, a restart). */
    void restart() {
        driver.deactivate();
        driver = newDriver();
    }

    SecretConnection open(String uri) {
        OpenResult r = driver.open(ConnectUri.parse(uri), null, 0);
        if (r.status() != OpenResult.Status.SUCCESS) {
            if (r.status() == OpenResult.Status.ERROR) {
                throw r.error();
            }
            throw new AssertionError(uri + " declined");
        }
        return (SecretConnection) r.connection();
    }

    SecretConnection system() {
        return open("secret:///system");
    }

    @Override
    public void close() throws IOException {
        driver.deactivate();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
