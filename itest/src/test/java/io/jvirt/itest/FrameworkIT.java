package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

import io.jvirt.api.ConnectUri;

/** The smallest container: Felix starts and resolves the API bundle, which exports api and spi. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FrameworkIT {
    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(Platform.apiOnly());
    }

    @Test
    public void apiBundleIsActiveAndExportsApiAndSpi() {
        Bundle api = Osgi.bundle(context, Platform.API_BSN);
        assertEquals("state of " + api, Bundle.ACTIVE, api.getState());
        BundleWiring wiring = api.adapt(BundleWiring.class);
        assertNotNull("the API bundle has no wiring: it did not resolve", wiring);
        var exported = wiring.getCapabilities("osgi.wiring.package").stream()
                .map(BundleCapability::getAttributes)
                .map(a -> (String) a.get("osgi.wiring.package"))
                .toList();
        for (String pkg : new String[] { "io.jvirt.api", "io.jvirt.api.runtime", "io.jvirt.spi" }) {
            assertTrue(pkg + " is not exported by the API bundle: " + exported, exported.contains(pkg));
        }
    }

    @Test
    public void probeSeesTheApiClassesFromTheApiBundle() {
        Bundle api = Osgi.bundle(context, Platform.API_BSN);
        Bundle from = org.osgi.framework.FrameworkUtil.getBundle(ConnectUri.class);
        assertEquals("io.jvirt.api should be wired from the API bundle, not from the class path", api, from);
        assertEquals("vendor", ConnectUri.parse("vendor:///default").scheme());
    }
}
