package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.Virt;
import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.DriverRegistryRuntime;

/** DESIGN §5: a vendor bundle installed at runtime adds its scheme to the table; removing it takes it away. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class VendorBundleIT {
    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(Platform.platform());
    }

    @Test
    public void installingTheVendorBundleAddsItsSchemeAndUninstallingRemovesIt() throws Exception {
        DriverRegistryRuntime runtime = Osgi.service(context, DriverRegistryRuntime.class);
        Virt virt = Osgi.service(context, Virt.class);
        assertNull("the vendor bundle is not provisioned in this test", Osgi.bundleOrNull(context, Platform.VENDOR_BSN));
        assertTrue("no 'vendor' scheme before the bundle is installed: " + Drivers.table(runtime),
                withScheme(runtime, "vendor").isEmpty());
        UriResolutionIT.expect(ErrorCode.NO_CONNECT, "open before install", () -> virt.open(HotSwapIT.URI).close());
        int tableBefore = runtime.getConnectDrivers().size();

        File jar = new File(System.getProperty(Platform.BUNDLES_PROPERTY), Platform.VENDOR_JAR);
        assertTrue("the vendor bundle jar is missing: " + jar + " (run `mvn -B verify -pl itest -am`)", jar.isFile());
        Bundle vendor = context.installBundle(jar.toURI().toString());
        vendor.start();
        Osgi.await("the 'vendor' scheme in the table", () -> !withScheme(runtime, "vendor").isEmpty(),
                () -> Drivers.table(runtime) + "; components " + Osgi.components(context));

        DriverDTO d = withScheme(runtime, "vendor").get(0);
        assertEquals("vendor", d.name);
        assertEquals(Platform.VENDOR_BSN, d.bundleSymbolicName);
        assertEquals(vendor.getBundleId(), d.bundleId);
        assertTrue("the vendor driver is localOnly", d.localOnly);
        assertEquals("one more driver in the table", tableBefore + 1, runtime.getConnectDrivers().size());

        try (Connect c = virt.open(HotSwapIT.URI)) {
            List<String> names = c.listAllDomains().stream().map(Domain::getName).collect(Collectors.toList());
            assertTrue("the vendor driver's initial domain " + HotSwapIT.DOMAIN + " is listed: " + names,
                    names.contains(HotSwapIT.DOMAIN));
        }
        UriResolutionIT.expect(ErrorCode.NO_CONNECT, "vendor is localOnly: a URI with a host is not for it",
                () -> virt.open("vendor://somehost/default").close());

        vendor.uninstall();
        Osgi.await("the 'vendor' scheme gone from the table", () -> withScheme(runtime, "vendor").isEmpty(),
                () -> Drivers.table(runtime));
        assertEquals("the table is back to its size", tableBefore, runtime.getConnectDrivers().size());
        UriResolutionIT.expect(ErrorCode.NO_CONNECT, "open after uninstall", () -> virt.open(HotSwapIT.URI).close());
    }

    static List<DriverDTO> withScheme(DriverRegistryRuntime runtime, String scheme) {
        return runtime.getConnectDrivers().stream()
                .filter(d -> d.schemes != null && Arrays.asList(d.schemes).contains(scheme))
                .collect(Collectors.toList());
    }
}
