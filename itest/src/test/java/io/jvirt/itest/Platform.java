package io.jvirt.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;

import org.ops4j.pax.exam.Option;

/**
 * The container every test runs in: Felix with SCR and ConfigAdmin, the API bundle and the registry,
 * provisioned by {@code file:} URL from {@code target/bundles} (the reactor is built with
 * {@code verify}, never installed). Runs outside the framework, in the JUnit driver.
 */
public final class Platform {
    /** Where the pom copies the bundles (failsafe system property {@code itest.bundles}). */
    public static final String BUNDLES_PROPERTY = "itest.bundles";

    public static final String API_BSN = "io.jvirt.api";
    public static final String REGISTRY_BSN = "io.jvirt.registry";
    public static final String VENDOR_BSN = "io.jvirt.examples.vendor";
    public static final String VENDOR_JAR = "vendor-driver.jar";

    private Platform() {
    }

    /** Felix + SCR + ConfigAdmin + api + registry + Pax Exam's JUnit bundles. */
    public static Option platform() {
        return composite(
                base(),
                bundle(url("org.osgi.util.function.jar")),
                bundle(url("org.osgi.util.promise.jar")),
                bundle(url("org.osgi.service.component.jar")),
                bundle(url("org.apache.felix.configadmin.jar")),
                bundle(url("org.apache.felix.scr.jar")),
                bundle(url("api-bundle.jar")),
                bundle(url("registry.jar")));
    }

    /** Felix with the API bundle only. */
    public static Option apiOnly() {
        return composite(base(), bundle(url("api-bundle.jar")));
    }

    public static final String TEST_DRIVER_BSN = "io.jvirt.driver.test";

    /** libvirt's test driver and the XML model it needs, installed and started at boot. */
    public static Option testDriver() {
        return composite(bundle(url("conf.jar")), bundle(url("driver-test.jar")));
    }

    /** The example vendor driver bundle, installed and started at boot. */
    public static Option vendorDriver() {
        return bundle(url(VENDOR_JAR));
    }

    private static Option base() {
        return composite(
                cleanCaches(true),
                junitBundles(),
                frameworkProperty("org.osgi.framework.storage.clean").value("onFirstInit"),
                // the probe needs the location of the bundles to install one at runtime
                systemProperty(BUNDLES_PROPERTY).value(bundlesDir().getAbsolutePath()),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
    }

    /** {@code file:} URL of a bundle in {@code target/bundles}; fails clearly if it is not there. */
    public static String url(String jar) {
        File f = new File(bundlesDir(), jar);
        if (!f.isFile()) {
            throw new IllegalStateException("bundle " + jar + " is missing from " + bundlesDir()
                    + ": run `mvn -B verify -pl itest -am` from the repository root (the pom copies the "
                    + "project's and the platform's bundles there in pre-integration-test)");
        }
        return f.toURI().toString();
    }

    public static File bundlesDir() {
        String dir = System.getProperty(BUNDLES_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("system property " + BUNDLES_PROPERTY
                    + " is not set: run the tests through failsafe (`mvn -B verify -pl itest -am`)");
        }
        return new File(dir);
    }
}
