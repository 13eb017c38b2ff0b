package io.jvirt.shell.virsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.FailedDriverDTO;
import io.jvirt.api.runtime.ResolutionDTO;
import io.jvirt.api.runtime.ResolutionStepDTO;

class ReportsTest {
    private static DriverDTO driver(int pos, String name, String[] schemes, boolean localOnly, boolean remoteOnly,
            int ranking, long bundle, String bsn, int conns) {
        DriverDTO d = new DriverDTO();
        d.kind = "hypervisor";
        d.position = pos;
        d.name = name;
        d.schemes = schemes;
        d.localOnly = localOnly;
        d.remoteOnly = remoteOnly;
        d.ranking = ranking;
        d.bundleId = bundle;
        d.bundleSymbolicName = bsn;
        d.openConnections = conns;
        return d;
    }

    @Test
    void driverTableListsEveryColumnInTableOrder() {
        List<DriverDTO> table = List.of(
                driver(0, "test", new String[] { "test" }, true, false, 100, 12, "io.jvirt.driver.test", 2),
                driver(1, "vendor", new String[] { "vendor", "vendor+x" }, false, false, 0, 17,
                        "io.jvirt.examples.vendor", 0),
                driver(2, "remote", null, false, true, 0, 13, "io.jvirt.driver.remote", 0));
        String text = Reports.drivers(table, List.of(), List.of(), id -> id == 17 ? "ACTIVE" : "RESOLVED");
        assertEquals("""
                 Pos   Name     Schemes           Flags         Ranking   Bundle   Symbolic name              State      Connections
                ----------------------------------------------------------------------------------------------------------------------
                 0     test     test              local-only    100       12       io.jvirt.driver.test       RESOLVED   2
                 1     vendor   vendor,vendor+x   -             0         17       io.jvirt.examples.vendor   ACTIVE     0
                 2     remote   *                 remote-only   0         13       io.jvirt.driver.remote     RESOLVED   0

                Secondary drivers: none

                Failed drivers: none
                """, text);
    }

    @Test
    void secondaryAndFailedDriversAreListedWithWhy() {
        DriverDTO net = driver(0, "bridge", null, false, false, 5, 20, "io.jvirt.network.bridge", 0);
        net.kind = "network";
        FailedDriverDTO failed = new FailedDriverDTO();
        failed.component = "io.jvirt.driver.qemu.QemuDriver";
        failed.bundleId = 21;
        failed.bundleSymbolicName = "io.jvirt.driver.qemu";
        failed.reason = "activation failed: no qemu binary\n  at somewhere";
        String text = Reports.drivers(List.of(), List.of(net), List.of(failed), id -> "ACTIVE");
        assertTrue(text.contains("Secondary drivers:\n Kind      Name     Ranking   Bundle"), text);
        assertTrue(text.contains(" network   bridge   5         20       io.jvirt.network.bridge   ACTIVE\n"), text);
        assertTrue(text.contains("io.jvirt.driver.qemu.QemuDriver   21       io.jvirt.driver.qemu   ACTIVE"
                + "   activation failed: no qemu binary at somewhere\n"), text);
    }

    @Test
    void resolutionShowsTheDriverAndEveryEarlierStep() {
        ResolutionDTO r = new ResolutionDTO();
        r.uri = "vendor://host/x";
        r.driver = "remote";
        r.steps = new ResolutionStepDTO[] { step("test", "skipped", "local-only driver, URI names a host"),
                step("vendor", "declined", "host not served"), step("remote", "opened", null) };
        assertEquals("""
                URI:      vendor://host/x
                Driver:   remote

                 Step   Driver   Outcome    Reason
                -----------------------------------------------------------------
                 1      test     skipped    local-only driver, URI names a host
                 2      vendor   declined   host not served
                 3      remote   opened
                """, Reports.resolution(r));
    }

    @Test
    void resolutionThatFailedShowsTheError() {
        ResolutionDTO r = new ResolutionDTO();
        r.uri = "nope:///";
        r.error = "no connection driver available for nope:///";
        r.steps = new ResolutionStepDTO[0];
        String text = Reports.resolution(r);
        assertTrue(text.startsWith("URI:      nope:///\nDriver:   none\nError:    no connection driver"), text);
        assertTrue(text.contains("No driver in the table was asked."), text);
    }

    private static ResolutionStepDTO step(String driver, String outcome, String reason) {
        ResolutionStepDTO s = new ResolutionStepDTO();
        s.driver = driver;
        s.outcome = outcome;
        s.reason = reason;
        return s;
    }
}
