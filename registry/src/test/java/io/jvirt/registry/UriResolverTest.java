package io.jvirt.registry;

import static io.jvirt.registry.TestDrivers.entry;
import static io.jvirt.registry.TestDrivers.opens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.registry.resolve.Resolution;
import io.jvirt.registry.resolve.Resolution.Outcome;
import io.jvirt.registry.resolve.UriResolver;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.OpenResult;

/** libvirt's virConnectOpen rules (DESIGN §1) on a table built from service properties. */
class UriResolverTest {
    private final DriverTable<ConnectDriver> table = new DriverTable<>();

    private Resolution resolve(String uri) {
        return UriResolver.resolve(table.snapshot(), ConnectUri.parse(uri), null, 0, s -> null);
    }

    private static List<Outcome> outcomes(Resolution r) {
        return r.steps().stream().map(Resolution.Step::outcome).toList();
    }

    @Test
    void firstMatchingDriverInRankingOrderOpens() {
        table.add(entry("test", "test", 10, true, false, opens("TEST")));
        table.add(entry("qemu", "qemu", 20, true, false, opens("QEMU")));
        Resolution r = resolve("test:///default");
        assertEquals("test", r.driver().name());
        assertEquals("TEST", r.connection().connectGetType());
        assertEquals(List.of(Outcome.SKIPPED, Outcome.OPENED), outcomes(r));
        assertTrue(r.steps().get(0).reason().contains("scheme 'test'"), r.steps().get(0).reason());
    }

    @Test
    void localOnlyDriverIsSkippedForAUriNamingAHost() {
        table.add(entry("test", "test", 10, true, false, opens("TEST")));
        table.add(entry("remote", null, 0, false, false, opens("REMOTE")));
        Resolution r = resolve("test://somehost/default");
        assertEquals("remote", r.driver().name());
        assertEquals(Outcome.SKIPPED, r.steps().get(0).outcome());
        assertTrue(r.steps().get(0).reason().contains("somehost"));
    }

    @Test
    void remoteOnlyDriverIsSkippedForALocalUri() {
        table.add(entry("esx", "esx", 10, false, true, opens("ESX")));
        Resolution local = resolve("esx:///x");
        assertFalse(local.succeeded());
        assertEquals(Outcome.SKIPPED, local.steps().get(0).outcome());
        assertEquals("esx", resolve("esx://vcenter/x").driver().name());
    }

    @Test
    void schemeMustMatchExactlySoATransportGoesToRemote() {
        table.add(entry("qemu", "qemu", 10, true, false, opens("QEMU")));
        table.add(entry("remote", null, -100, false, false, opens("REMOTE")));
        assertEquals("remote", resolve("qemu+unix:///system").driver().name());
        assertEquals("qemu", resolve("qemu:///system").driver().name());
        assertEquals("qemu", resolve("QEMU:///system").driver().name(), "schemes compare case-insensitively");
    }

    @Test
    void declinedGoesOnToTheNextDriver() {
        table.add(entry("picky", "x", 10, false, false, uri -> OpenResult.declined()));
        table.add(entry("easy", "x", 5, false, false, opens("EASY")));
        Resolution r = resolve("x:///y");
        assertEquals("easy", r.driver().name());
        assertEquals(List.of(Outcome.DECLINED, Outcome.OPENED), outcomes(r));
    }

    @Test
    void errorAbortsWithThatDriversError() {
        VirtException boom = new VirtException(ErrorCode.OPEN_FAILED, ErrorDomain.TEST, "cannot open");
        table.add(entry("broken", "x", 10, false, false, uri -> OpenResult.error(boom)));
        table.add(entry("easy", "x", 5, false, false, opens("EASY")));
        Resolution r = resolve("x:///y");
        assertFalse(r.succeeded());
        assertEquals(boom, r.error());
        assertEquals(List.of(Outcome.ERROR), outcomes(r));
    }

    @Test
    void anExceptionFromOpenIsAnError() {
        table.add(entry("throws", "x", 10, false, false, uri -> {
            throw new VirtException(ErrorCode.AUTH_FAILED, ErrorDomain.AUTH, "denied");
        }));
        assertEquals(ErrorCode.AUTH_FAILED, resolve("x:///").error().code());
    }

    @Test
    void noDriverIsNoConnectNamingTheUri() {
        table.add(entry("test", "test", 10, true, false, opens("TEST")));
        Resolution r = resolve("nosuch:///x");
        assertEquals(ErrorCode.NO_CONNECT, r.error().code());
        assertTrue(r.error().getMessage().contains("nosuch:///x"));
    }

    @Test
    void noDriverNamesTheDriverThatWentAway() {
        Resolution r = UriResolver.resolve(table.snapshot(), ConnectUri.parse("vendor:///default"), null, 0,
                s -> s.equals("vendor") ? "'vendor' (bundle io.jvirt.examples.vendor)" : null);
        assertTrue(r.error().getMessage().contains("io.jvirt.examples.vendor"), r.error().getMessage());
    }

    @Test
    void retiringDriverIsNotAsked() {
        DriverEntry<ConnectDriver> e = entry("x", "x", 10, false, false, opens("X"));
        table.add(e);
        e.retire(0);
        assertNull(resolve("x:///").driver());
    }
}
