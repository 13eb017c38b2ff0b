package io.jvirt.itest.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * jvirt's features in a real Apache Karaf: {@code feature:repo-add} + {@code feature:install jvirt},
 * real virsh against the daemon inside Karaf, drivers updated, uninstalled and reinstalled under
 * live virsh sessions, and the example vendor bundle installed at runtime. One Karaf for the
 * class (it boots in seconds, not milliseconds); the methods run in order and each leaves Karaf
 * as it found it unless its name says otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafFeaturesIT {
    private static final Duration BOOT = Duration.ofMinutes(3);
    /** How long a driver may take to (re)appear; the registry's hot-swap wait is 10 s. */
    private static final Duration SWAP = Duration.ofSeconds(60);
    private static final String VERSION = System.getProperty("jvirt.version");
    private static final String FEATURES = "mvn:io.jvirt/feature/" + VERSION + "/xml/features";
    private static final List<String> LAYERS = List.of("jvirt-core", "jvirt-daemon", "jvirt-driver-test",
            "jvirt-driver-remote", "jvirt-driver-qemu", "jvirt-storage", "jvirt-driver-secret", "jvirt-network-host",
            "jvirt-network-nwfilter", "jvirt-shell");

    private Path work;
    private Karaf karaf;
    /** The daemon's unix sockets: a short directory of this run (see {@link #shortSocketDir}). */
    private Path socketDir;
    private Path socket;
    private int tcpPort;
    private int probes;
    /** The QEMU driver's roots: the feature's default, under Karaf's data/ (see {@link #defaultQemuRoot}). */
    private Path qemuRoot;

    @BeforeAll
    void startKarafAndInstallJvirt() throws Exception {
        Virsh.requireVirsh();
        Path home = Path.of(System.getProperty("karaf.home"));
        work = Path.of(System.getProperty("work.dir"));
        Karaf.deleteTree(work);
        Files.createDirectories(work);
        socketDir = shortSocketDir(home);
        socket = socketDir.resolve("libvirt-sock");
        // The features' <config> defaults apply (configurations an earlier run wrote go); the
        // daemon's TCP default names the system property jvirt.tcp: a free port, never 16509.
        Files.deleteIfExists(home.resolve("etc/io.jvirt.daemon.cfg"));
        Files.deleteIfExists(home.resolve("etc/io.jvirt.registry.cfg"));
        tcpPort = Karaf.freePort();
        Karaf.setProperty(home.resolve("etc/system.properties"), "jvirt.tcp", "127.0.0.1:" + tcpPort);
        qemuRoot = defaultQemuRoot(home);

        karaf = Karaf.start(home, work, Path.of(System.getProperty("maven.repo.local")),
                List.of(Path.of(System.getProperty("jvirt.repo"))), BOOT);
        karaf.shell("feature:repo-add " + FEATURES);
        // no refresh of wired bundles: the refresh that installing jvirt's features caused (seen once the
        // nwfilter and storage features joined) restarted the console this command runs in
        karaf.shell("feature:install --no-auto-refresh jvirt");
        awaitFile(socket, "jvirtd's unix socket");
    }

    @AfterAll
    void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
        if (socketDir != null) {
            Karaf.deleteTree(socketDir);
        }
    }

    /**
     * A unix socket path has at most 107 bytes, and Karaf's data/ under this module's target/ is
     * already 60 or more characters deep in a usual clone: the feature's default unix.dir (under
     * ${karaf.data}/jvirt/run) yields to the system property jvirt.unix.dir, set here to a fresh
     * directory under /tmp, so the test passes from a clone at any depth.
     */
    private static Path shortSocketDir(Path home) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jvirt-ks");
        Karaf.setProperty(home.resolve("etc/system.properties"), "jvirt.unix.dir", dir.toString());
        return dir;
    }

    @Test
    @Order(1)
    void installsTheLayeredFeaturesWithTheirConfiguration() throws Exception {
        String installed = karaf.shell("feature:list -i");
        for (String feature : concat(LAYERS, "jvirt")) {
            assertTrue(installed.lines().anyMatch(l -> l.startsWith(feature + " ") && l.contains("Started")),
                    feature + " is not installed and started:\n" + installed);
        }
        String daemon = karaf.shell("config:property-list -p io.jvirt.daemon");
        assertTrue(daemon.contains("tcp = 127.0.0.1:" + tcpPort), "jvirt.tcp did not reach the daemon:\n" + daemon);
        assertTrue(daemon.contains("unix.dir = " + socketDir), "jvirt.unix.dir did not reach the daemon:\n" + daemon);
        String registry = karaf.shell("config:property-list -p io.jvirt.registry");
        assertTrue(registry.contains("uri.default = test:///default"), registry);
        assertTrue(registry.contains("hotswap.wait.ms = 10000"), registry);
        // jvirt-shell came with Karaf's shell: its commands answer in Karaf's console
        String drivers = karaf.shell("virt:drivers");
        assertTrue(drivers.contains("test") && drivers.contains("remote"), drivers);
        // jvirt-network-nwfilter: its configuration, and libvirt's stock filters in nwfilter:///system
        assertTrue(drivers.contains("nwfilter"), drivers);
        String nwfilter = karaf.shell("config:property-list -p io.jvirt.network.nwfilter");
        assertTrue(nwfilter.contains("stock.dir = /usr/share/libvirt/nwfilter"), nwfilter);
        String filters = Virsh.ok(work, "nwfilter+unix:///system?socket=" + socket, "nwfilter-list");
        assertTrue(filters.contains("clean-traffic"), "the stock filters through the daemon:\n" + filters);
    }

    @Test
    @Order(2)
    void virshManagesDomainsThroughTheDaemonInKaraf() throws Exception {
        String unix = DriverUnderTest.TEST.viaDaemon(socket);
        String list = Virsh.ok(work, unix, "list", "--all");
        assertTrue(list.matches("(?s).*\\s1\\s+test\\s+running.*"), list);

        Path xml = work.resolve("k1.xml");
        Files.writeString(xml, DriverUnderTest.TEST.probeXml().formatted("k1"));
        try (Virsh.Session events = Virsh.Session.events(unix)) {
            String sync = awaitEventFlow(events, DriverUnderTest.TEST, unix, "the event loop to start");
            Virsh.ok(work, unix, "undefine", sync);
            assertTrue(Virsh.ok(work, unix, "define", xml.toString()).contains("Domain 'k1' defined"));
            events.await(0, event("k1", "Defined"), SWAP, "the Defined event of k1");
            assertTrue(Virsh.ok(work, unix, "start", "k1").contains("Domain 'k1' started"));
            events.await(0, event("k1", "Started"), SWAP, "the Started event of k1");
            assertTrue(Virsh.ok(work, unix, "dominfo", "k1").matches("(?s).*State:\\s+running.*"));
            // the TCP listener (on the free port that jvirt.tcp gave it) serves the same state
            String tcp = "test+tcp://127.0.0.1:" + tcpPort + "/default";
            assertTrue(Virsh.ok(work, tcp, "list", "--all").matches("(?s).*\\sk1\\s+running.*"));
            Virsh.ok(work, unix, "destroy", "k1");
            events.await(0, event("k1", "Stopped"), SWAP, "the Stopped event of k1");
            Virsh.ok(work, unix, "undefine", "k1");
            events.await(0, event("k1", "Undefined"), SWAP, "the Undefined event of k1");
        }
    }

    @Test
    @Order(3)
    void bundleUpdateOfDriverTestKeepsVirshSessions() throws Exception {
        assertBundleUpdateKeepsSessions(DriverUnderTest.TEST);
    }

    /**
     * The {@code virt:} commands in Karaf's console print what real virsh prints for the same
     * state (virsh through the daemon inside Karaf), and each command exists once in the console
     * (Karaf commands with a completer replace the Gogo functions rather than join them).
     */
    @Test
    @Order(5)
    void virtCommandsInKarafsConsolePrintWhatVirshPrints() throws Exception {
        String unix = DriverUnderTest.TEST.viaDaemon(socket);
        for (List<String> command : List.of(List.of("list", "--all"), List.of("dominfo", "test"), List.of("net-list"))) {
            String expected = consoleText(Virsh.ok(work, unix, command.toArray(String[]::new)));
            String actual = consoleText(karaf.shell("virt:" + String.join(" ", command)));
            assertEquals(expected, actual, "virt:" + String.join(" ", command) + " in Karaf's console vs virsh");
        }
        // Karaf's console took the commands as its own: the bundle withdrew its Gogo functions,
        // which Karaf would otherwise wrap into a second, completer-less virt:list and so on
        // (-a: bundle:services hides command services by default)
        String registry = karaf.shell("bundle:services -a -p io.jvirt.registry");
        assertTrue(registry.contains("objectClass"), "bundle:services lists nothing:\n" + registry);
        String shell = karaf.shell("bundle:services -a -p io.jvirt.shell");
        assertFalse(shell.contains("osgi.command.scope"), "the Gogo functions are still registered:\n" + shell);
    }

    /**
     * Completion through Karaf's own line reader: TAB after a partial domain, network and option
     * name in an interactive console completes the word, and the completed line runs. Without
     * the completer the partial words would run and fail (`failed to get domain 'te'`).
     */
    @Test
    @Order(6)
    void karafsConsoleCompletesDomainNetworkAndOptionNames() throws Exception {
        String screen = karaf.typed(List.of("virt:dominfo te\t\r", "virt:net-info def\t\r", "virt:list --al\t\r"));
        // the line reader redraws each line as completed before it runs
        for (String completed : List.of("virt:dominfo test ", "virt:net-info default ", "virt:list --all ")) {
            assertTrue(screen.contains("> " + completed + "\n"), "TAB did not complete to `" + completed + "`:\n" + screen);
        }
        assertTrue(screen.matches("(?s).*\nName: +test\n.*"), "virt:dominfo test did not run:\n" + screen);
        assertTrue(screen.matches("(?s).*\nName: +default\n.*"), "virt:net-info default did not run:\n" + screen);
        assertTrue(screen.matches("(?s).*\n 1 +test +running\n.*"), "virt:list --all did not run:\n" + screen);
        assertFalse(screen.contains("error:"), screen);
    }

    // ---- jvirt-driver-qemu: a real QEMU guest across bundle:update and feature:uninstall ----

    /**
     * The feature's configuration reaches the driver, a guest started through virsh runs in a
     * real QEMU, and {@code bundle:update} of the driver keeps that QEMU (same pid) and the virsh
     * sessions working.
     */
    @Test
    @Order(4)
    void bundleUpdateOfDriverQemuKeepsTheGuestAndVirshSessions() throws Exception {
        String config = karaf.shell("config:property-list -p io.jvirt.driver.qemu");
        assertTrue(config.contains("system.root = " + qemuRoot.resolve("system")), config);
        assertTrue(config.contains("session.root = " + qemuRoot.resolve("session")), config);
        String uri = DriverUnderTest.QEMU.viaDaemon(socket);
        startQemuGuest(uri);
        long pid = qemuPid();
        // an autostart domain its user left shut off: autostart runs once per host boot, not per update
        Path auto = work.resolve("karaf-auto.xml");
        Files.writeString(auto, DriverUnderTest.QEMU.guestXml().replace("karaf-guest", "karaf-auto"));
        Virsh.ok(work, uri, "define", auto.toString());
        Virsh.ok(work, uri, "autostart", "karaf-auto");
        String dominfo = "dominfo " + DriverUnderTest.QEMU.guestName();
        try (Virsh.Session held = Virsh.Session.interactive(uri)) {
            List<String> before = held.command(dominfo, SWAP);
            assertTrue(isRunning(before), "before the update: " + before);

            assertBundleUpdateKeepsSessions(DriverUnderTest.QEMU);
            assertEquals(pid, qemuPid(), "the guest's QEMU after bundle:update of the driver");
            // the connection this virsh opened before the update still answers, from the new bundle
            List<String> after = held.command(dominfo, SWAP);
            assertTrue(isRunning(after), "the held virsh session after bundle:update: " + after);
            assertTrue(held.alive(), "the held virsh session ended on bundle:update");
            assertEquals("shut off", Virsh.ok(work, uri, "domstate", "karaf-auto").strip(),
                    "bundle:update autostarted a domain that its user left shut off");
        } finally {
            Virsh.run(work, uri, "undefine", "karaf-auto");
        }
    }

    /** Starts the QEMU guest through virsh unless it runs already. */
    private void startQemuGuest(String uri) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"))) {
            fail("/usr/bin/qemu-system-x86_64 is missing: install Debian's qemu-system-x86 (scripts/ensure-deps.sh does)");
        }
        startGuest(DriverUnderTest.QEMU, uri);
    }

    private static boolean isRunning(List<String> dominfo) {
        return dominfo.stream().anyMatch(l -> l.matches("State:\\s+running"));
    }

    /**
     * Runs after {@link #uninstallOfDriverTestFailsItsUrisCleanlyAndReinstallBringsItBack} (which
     * leaves the layers installed instead of {@code jvirt}): while the feature is gone, qemu URIs
     * fail with libvirt's error and the guest's QEMU keeps running; the reinstalled driver finds
     * it again (same pid), and destroying it through virsh ends that QEMU.
     */
    @Test
    @Order(21)
    void uninstallOfDriverQemuFailsItsUrisCleanlyAndReinstallReattachesTheGuest() throws Exception {
        String uri = DriverUnderTest.QEMU.viaDaemon(socket);
        startQemuGuest(uri);
        long pid = qemuPid();

        assertUninstallFailsCleanlyAndReinstallComesBack(DriverUnderTest.QEMU);
        assertEquals(pid, qemuPid(), "the guest's QEMU after feature:uninstall and feature:install of the driver");
        assertTrue(Virsh.ok(work, uri, "dominfo", DriverUnderTest.QEMU.guestName()).matches("(?s).*State:\\s+running.*"));

        Virsh.ok(work, uri, "destroy", DriverUnderTest.QEMU.guestName());
        long deadline = System.nanoTime() + SWAP.toNanos();
        while (!qemuPids().isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("QEMU left running " + SWAP.toSeconds() + " s after virsh destroy: " + qemuPids());
            }
            Thread.sleep(100);
        }
        Karaf.Result gone = Virsh.run(work, uri, "dominfo", DriverUnderTest.QEMU.guestName());
        assertFalse(gone.ok(), gone.out());
        assertTrue(gone.out().contains("failed to get domain 'karaf-guest'"), gone.out());
    }

    /** Kills any QEMU this test's driver started (a failed test may leave one), then its roots. */
    @AfterAll
    void killQemuGuests() throws Exception {
        if (qemuRoot == null) {
            return;
        }
        for (long pid : qemuPids()) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        }
        Karaf.deleteTree(qemuRoot);
    }

    /**
     * The feature's default roots under ${karaf.data}/jvirt/qemu, however deep target/ is: the
     * driver names its sockets through a short path of its own. A jvirt.qemu.root an earlier run
     * of this test set (it used to move the roots to /tmp) goes.
     */
    private static Path defaultQemuRoot(Path home) throws Exception {
        Files.deleteIfExists(home.resolve("etc/io.jvirt.driver.qemu.cfg"));
        Path props = home.resolve("etc/system.properties");
        Files.write(props, Files.readAllLines(props).stream()
                .filter(l -> !l.matches("\\s*jvirt\\.qemu\\.root\\s*[=:].*")).toList());
        return home.resolve("data/jvirt/qemu");
    }

    /** The one QEMU that runs with a monitor socket under this run's qemu:///system root. */
    private long qemuPid() throws Exception {
        List<Long> pids = qemuPids();
        assertEquals(1, pids.size(), "QEMU processes under " + qemuRoot + ": " + pids);
        return pids.get(0);
    }

    /** QEMU processes that write their output to this run's qemu:///system log directory. */
    private List<Long> qemuPids() throws Exception {
        Path log = qemuRoot.resolve("system/log");
        List<Long> pids = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")),
                            java.nio.charset.StandardCharsets.UTF_8);
                    if (cmdline.contains("qemu-system") && Files.readSymbolicLink(proc.resolve("fd/1")).startsWith(log)) {
                        pids.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (java.io.IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return pids;
    }

    @Test
    @Order(10)
    void vendorBundleAddsItsScheme() throws Exception {
        String vendor = "vendor+unix:///default?socket=" + socket;
        Karaf.Result before = Virsh.run(work, vendor, "list", "--all");
        assertFalse(before.ok(), before.out());
        assertTrue(before.out().contains("no connection driver available for vendor:///default"), before.out());

        karaf.shell("bundle:install -s mvn:io.jvirt/vendor-driver/" + VERSION);
        String list = awaitVirsh(vendor, r -> r.ok(), "the vendor driver").out();
        assertTrue(list.matches("(?s).*\\s1\\s+vendor-1\\s+running.*"), list);

        karaf.shell("bundle:uninstall io.jvirt.examples.vendor");
        Karaf.Result after = awaitVirsh(vendor, r -> !r.ok(), "the vendor driver to leave");
        assertTrue(after.out().contains("no connection driver available for vendor:///default"), after.out());
    }

    /**
     * A TCP port another process holds fails the TCP listener only, in Karaf too: a change to it
     * leaves the old port serving, the daemon bundle restarted on it (the component activates,
     * where it used to fail) serves its unix sockets, Karaf's log names the listener and address,
     * and a later configuration change binds the port once it is free.
     */
    @Test
    @Order(11)
    void aTakenTcpPortFailsOnlyTheTcpListenerUntilALaterChangeBindsIt() throws Exception {
        String unix = DriverUnderTest.TEST.viaDaemon(socket);
        String oldTcp = "test+tcp://127.0.0.1:" + tcpPort + "/default";
        Path log = karaf.data().resolve("log/karaf.log");
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String taken = "127.0.0.1:" + squatter.getLocalPort();
            String message = "jvirtd: cannot listen on tcp " + taken + ": Address already in use";

            karaf.shell("config:property-set -p io.jvirt.daemon tcp " + taken);
            awaitLog(log, message, 1);
            assertTrue(Virsh.ok(work, oldTcp, "list", "--all").contains("test"), "the old port after the failed change");
            assertTrue(Virsh.ok(work, unix, "list", "--all").contains("test"));

            karaf.shell("bundle:restart io.jvirt.daemon");
            awaitLog(log, message, 2);
            assertTrue(awaitVirsh(unix, Karaf.Result::ok, "the restarted daemon's unix socket").out().contains("test"));

            squatter.close();
            karaf.shell("config:property-set -p io.jvirt.daemon keepalive_interval 6");
            String tcp = "test+tcp://" + taken + "/default";
            assertTrue(awaitVirsh(tcp, Karaf.Result::ok, "the freed port").out().contains("test"));
        } finally {
            karaf.shell("config:property-set -p io.jvirt.daemon tcp 127.0.0.1:" + tcpPort);
            karaf.shell("config:property-delete -p io.jvirt.daemon keepalive_interval");
        }
        assertTrue(awaitVirsh(oldTcp, Karaf.Result::ok, "the test's own port again").out().contains("test"));
    }

    /** Waits until Karaf's log holds a message {@code times} times. */
    private void awaitLog(Path log, String message, int times) throws Exception {
        long deadline = System.nanoTime() + SWAP.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            seen = Files.readString(log).split(java.util.regex.Pattern.quote(message), -1).length - 1;
            if (seen >= times) {
                return;
            }
            Thread.sleep(100);
        }
        fail("Karaf's log holds `" + message + "` " + seen + " times, not " + times + ", after " + SWAP.toSeconds()
                + " s\n" + karaf.diagnostics());
    }

    /**
     * Leaves Karaf with the layers installed one by one instead of {@code jvirt} (a feature that
     * another installed feature includes cannot be uninstalled on its own).
     */
    @Test
    @Order(20)
    void uninstallOfDriverTestFailsItsUrisCleanlyAndReinstallBringsItBack() throws Exception {
        installLayersInsteadOfJvirt();
        assertUninstallFailsCleanlyAndReinstallComesBack(DriverUnderTest.TEST);
    }

    // ---- the checks every driver gets (driver-qemu: call them with DriverUnderTest.QEMU) ----

    /**
     * {@code bundle:update} of the driver while a {@code virsh event --all --loop} process and an
     * interactive virsh hold connections through jvirtd: both keep working on the new bundle, and
     * a guest of a driver that keeps state still runs.
     */
    /** What a terminal shows, without line-ending differences and CPU time (wall-clock in the test driver). */
    private static String consoleText(String s) {
        return s.replace("\r\n", "\n").replaceAll("(?m)^(CPU time: +)[0-9.]+s$", "$1Ns")
                .replaceAll("(?m)^Connection to \\S+ closed by remote host\\.$", "") // ssh's, not the console's
                .strip();
    }

    private void assertBundleUpdateKeepsSessions(DriverUnderTest driver) throws Exception {
        String uri = driver.viaDaemon(socket);
        startGuest(driver, uri);
        try (Virsh.Session events = Virsh.Session.events(uri); Virsh.Session held = Virsh.Session.interactive(uri)) {
            String before = awaitEventFlow(events, driver, uri, "the event loop to start");
            List<String> listed = held.command("list --all", SWAP);
            assertTrue(listed.stream().anyMatch(l -> l.contains(before)), "held session before the update: " + listed);
            long bundleBefore = bundleId(driver.bundle());

            karaf.shell("bundle:update " + driver.bundle());
            assertEquals(bundleBefore, bundleId(driver.bundle()), "bundle:update keeps the bundle id");

            // both sessions now talk to the updated bundle
            String after = awaitEventFlow(events, driver, uri, "events from the updated bundle");
            List<String> relisted = held.command("list --all", SWAP);
            assertTrue(relisted.stream().anyMatch(l -> l.contains(after)),
                    "the held virsh session after bundle:update: " + relisted);
            assertFalse(relisted.stream().anyMatch(l -> l.startsWith("error")), "held session: " + relisted);
            assertTrue(events.alive() && held.alive(), "a virsh session ended on bundle:update");
            assertGuestRuns(driver, uri);
            Virsh.ok(work, uri, "undefine", after);
            if (driver.keepsGuests()) {
                Virsh.ok(work, uri, "undefine", before);
            }
        }
    }

    /** {@code feature:uninstall} makes the driver's URIs fail with libvirt's error; reinstalling brings them back. */
    private void assertUninstallFailsCleanlyAndReinstallComesBack(DriverUnderTest driver) throws Exception {
        String uri = driver.viaDaemon(socket);
        startGuest(driver, uri);
        karaf.shell("feature:uninstall --no-auto-refresh " + driver.feature());
        Karaf.Result gone = Virsh.run(work, uri, "list", "--all");
        assertFalse(gone.ok(), gone.out());
        assertTrue(gone.out().contains("error: failed to connect to the hypervisor"), gone.out());
        assertTrue(gone.out().contains("no connection driver available for " + driver.uri()), gone.out());
        String installed = karaf.shell("bundle:list -s -t 0");
        assertFalse(installed.contains(driver.bundle()), "still installed after feature:uninstall:\n" + installed);

        karaf.shell("feature:install --no-auto-refresh " + driver.feature());
        Karaf.Result back = awaitVirsh(uri, Karaf.Result::ok, driver.feature() + " to come back");
        assertTrue(back.out().contains("Name"), back.out());
        assertGuestRuns(driver, uri);
    }

    private void installLayersInsteadOfJvirt() throws Exception {
        karaf.shell("feature:install --no-auto-refresh " + String.join(" ", LAYERS));
        karaf.shell("feature:uninstall --no-auto-refresh jvirt");
        Virsh.ok(work, DriverUnderTest.TEST.viaDaemon(socket), "list", "--all");
    }

    private void startGuest(DriverUnderTest driver, String uri) throws Exception {
        if (!driver.keepsGuests()) {
            return;
        }
        Path xml = work.resolve(driver.guestName() + ".xml");
        Files.writeString(xml, driver.guestXml());
        if (!Virsh.run(work, uri, "domstate", driver.guestName()).out().contains("running")) {
            Virsh.ok(work, uri, "create", xml.toString());
        }
    }

    private void assertGuestRuns(DriverUnderTest driver, String uri) throws Exception {
        if (driver.keepsGuests()) {
            String state = Virsh.ok(work, uri, "domstate", driver.guestName());
            assertTrue(state.contains("running"), driver.guestName() + " after the swap: " + state);
        }
    }

    /**
     * Defines fresh domains (an event every driver sends) until the event session reports one:
     * an event registration takes effect some time after virsh starts, or after a hot swap.
     * Returns the name of the domain whose event arrived; the others are undefined again.
     */
    private String awaitEventFlow(Virsh.Session events, DriverUnderTest driver, String uri, String what)
            throws Exception {
        long deadline = System.nanoTime() + SWAP.toNanos();
        while (true) {
            int mark = events.size();
            String probe = defineProbe(driver, uri);
            try {
                events.await(mark, event(probe, "Defined"), Duration.ofSeconds(1), what);
                return probe;
            } catch (AssertionError notYet) {
                Virsh.run(work, uri, "undefine", probe);
                if (System.nanoTime() > deadline || !events.alive()) {
                    throw notYet;
                }
            }
        }
    }

    /** Defines a fresh domain (an event every driver sends) and returns its name. */
    private String defineProbe(DriverUnderTest driver, String uri) throws Exception {
        String name = "probe-" + (++probes);
        Path xml = work.resolve(name + ".xml");
        Files.writeString(xml, driver.probeXml().formatted(name));
        Virsh.ok(work, uri, "define", xml.toString());
        return name;
    }

    private long bundleId(String symbolicName) throws Exception {
        for (String line : karaf.shell("bundle:list -s -t 0").lines().toList()) {
            String[] cols = line.split("\\|");
            if (cols.length > 1 && line.contains(" " + symbolicName)) {
                return Long.parseLong(cols[0].trim());
            }
        }
        fail("no bundle " + symbolicName + " in Karaf");
        return -1;
    }

    private Karaf.Result awaitVirsh(String uri, Predicate<Karaf.Result> done, String what) throws Exception {
        long deadline = System.nanoTime() + SWAP.toNanos();
        Karaf.Result r;
        do {
            r = Virsh.run(work, uri, "list", "--all");
            if (done.test(r)) {
                return r;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        fail("timed out after " + SWAP.toSeconds() + " s waiting for " + what + "; last virsh output:\n" + r.out()
                + "\n" + karaf.diagnostics());
        return r;
    }

    private void awaitFile(Path file, String what) throws Exception {
        long deadline = System.nanoTime() + SWAP.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                fail("no " + what + " at " + file + " within " + SWAP.toSeconds() + " s\n" + karaf.diagnostics());
            }
            Thread.sleep(100);
        }
    }

    /** virsh event's line for a lifecycle event: {@code event 'lifecycle' for domain 'k1': Started Booted}. */
    private static Predicate<String> event(String domain, String what) {
        return l -> l.contains("'lifecycle' for domain '" + domain + "': " + what);
    }

    private static List<String> concat(List<String> list, String more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more)).toList();
    }
}
