package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import org.osgi.framework.FrameworkUtil;

import io.jvirt.conf.network.NetworkDef;
import io.jvirt.network.dnsmasq.DnsmasqConfig;
import io.jvirt.network.firewall.Backend;
import io.jvirt.network.firewall.CommandRunner;
import io.jvirt.network.firewall.NetworkFirewall;

/**
 * The network bundles in Felix: both resolve against the API and conf bundles, start, export their
 * versioned API packages, and work from inside the framework (the firewall's dry run, dnsmasq's
 * configuration).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NetworkBundlesIT {
    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(Platform.platform(), bundle(Platform.url("conf.jar")),
                bundle(Platform.url("network-firewall.jar")), bundle(Platform.url("network-dnsmasq.jar")));
    }

    @Test
    public void bothBundlesAreActiveAndServeTheirApis() {
        for (String bsn : new String[] { "io.jvirt.network.firewall", "io.jvirt.network.dnsmasq" }) {
            Bundle b = Osgi.bundle(context, bsn);
            assertEquals("state of " + b, Bundle.ACTIVE, b.getState());
        }
        assertEquals(Osgi.bundle(context, "io.jvirt.network.firewall"), FrameworkUtil.getBundle(NetworkFirewall.class));
        assertEquals(Osgi.bundle(context, "io.jvirt.network.dnsmasq"), FrameworkUtil.getBundle(DnsmasqConfig.class));

        NetworkDef def = NetworkDef.parse("<network><name>n</name><bridge name='virbr9'/><forward/>"
                + "<ip address='10.9.0.1' prefix='24'><dhcp><range start='10.9.0.2' end='10.9.0.9'/></dhcp></ip>"
                + "</network>", true);
        List<List<String>> ran = new ArrayList<>();
        CommandRunner dry = argv -> {
            ran.add(argv);
            return new CommandRunner.Result(0, "", "");
        };
        new NetworkFirewall(Backend.IPTABLES, dry).add(def);
        assertTrue(ran.toString(), ran.contains(List.of("iptables", "-w", "--table", "nat", "--insert", "LIBVIRT_PRT",
                "--source", "10.9.0.0/24", "!", "--destination", "10.9.0.0/24", "--jump", "MASQUERADE")));
        String conf = DnsmasqConfig.of(def, Path.of("/var/lib/libvirt/dnsmasq"), null).conf();
        assertTrue(conf, conf.contains("dhcp-range=10.9.0.2,10.9.0.9,255.255.255.0\n"));
    }
}
