package io.jvirt.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * {@code bin/jvirt}: runs the platform in the foreground. Felix is embedded; the jars in
 * {@code bundle/} are installed and started at boot, FileInstall then feeds {@code etc/*.cfg} to
 * ConfigAdmin and hot-deploys {@code deploy/*.jar}. When the driver table is populated one line
 * {@code jvirt ready: drivers=...} goes to stdout; everything else is logged to
 * {@code <data>/log/jvirt.log}.
 */
public final class Main {
    static final String GOGO_SHELL = "org.apache.felix.gogo.shell";
    private static final long DEFAULT_READY_TIMEOUT_S = 30;
    private static final long DEFAULT_STOP_TIMEOUT_S = 20;

    private final Path home;
    private final Options options;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private LogFile log;
    private volatile Framework framework;
    private volatile long stopTimeoutS = DEFAULT_STOP_TIMEOUT_S;
    private volatile boolean shuttingDown;

    private Main(Path home, Options options, PrintStream stdout, PrintStream stderr) {
        this.home = home;
        this.options = options;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Milliseconds from bin/jvirt's start ({@code jvirt.launched}, bash's EPOCHREALTIME) to main:
     * the script and the JVM's own start; -1 without it. (The process start time the JDK reports
     * comes from /proc with whole-second boot time, off by up to a second.)
     */
    private static final long LAUNCH_TO_MAIN_MS = launchToMainMs();

    private static long launchToMainMs() {
        try {
            double launched = Double.parseDouble(System.getProperty("jvirt.launched", ""));
            return Math.round(System.currentTimeMillis() - launched * 1000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static void main(String[] args) {
        // Gogo swaps System.in/out/err for per-thread streams: keep the real ones.
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        Path home;
        try {
            home = home();
        } catch (IOException | URISyntaxException e) {
            stderr.println("jvirt: cannot tell the installation directory: " + e);
            System.exit(1);
            return;
        }
        Options options;
        try {
            options = Options.parse(List.of(args), home.resolve("data"));
        } catch (Options.HelpRequested e) {
            stdout.print(Options.USAGE);
            return;
        } catch (Options.UsageException e) {
            stderr.println("jvirt: " + e.getMessage());
            stderr.print(Options.USAGE);
            System.exit(2);
            return;
        }
        int status = new Main(home, options, stdout, stderr).run();
        System.exit(status);
    }

    /** {@code jvirt.home} from bin/jvirt, else the parent of the lib/ directory this class came from. */
    private static Path home() throws IOException, URISyntaxException {
        String prop = System.getProperty("jvirt.home");
        if (prop != null && !prop.isEmpty()) {
            return Path.of(prop).toRealPath();
        }
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().toRealPath();
    }

    private int run() {
        Path data = options.data();
        try {
            for (String sub : List.of("log", "run", "cache")) {
                Files.createDirectories(data.resolve(sub));
            }
            log = new LogFile(data.resolve("log").resolve("jvirt.log"));
        } catch (IOException e) {
            stderr.println("jvirt: cannot prepare the data directory " + data + ": " + e);
            return 1;
        }
        log.takeOverJul();
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtErrors(log, stderr));
        log.info("starting jvirt: home=" + home + " data=" + data + " console=" + options.console()
                + " java=" + System.getProperty("java.version"));
        long t0 = System.nanoTime();
        try {
            Map<String, Object> props = frameworkProperties(data);
            // Felix itself rather than FrameworkFactory: its configuration map takes objects
            // (felix.log.logger), the factory's only strings.
            Framework fw = new Felix(props);
            framework = fw;
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "jvirt-shutdown"));
            fw.init();
            BundleContext ctx = fw.getBundleContext();
            stopTimeoutS = longProperty(ctx, "jvirt.stop.timeout", DEFAULT_STOP_TIMEOUT_S);
            new OsgiLogBridge(ctx, log).open();
            long tInit = System.nanoTime();
            List<Bundle> boot = installBoot(ctx);
            long tInstalled = System.nanoTime();
            Bundle shell = startBoot(ctx, boot);
            fw.start(); // starts the boot bundles level by level, then reports STARTED
            long tStarted = System.nanoTime();
            long ms = waitUntilReady(ctx, t0);
            log.info("ready after " + ms + " ms in main (bin/jvirt to main " + LAUNCH_TO_MAIN_MS + " ms; framework init "
                    + (tInit - t0) / 1_000_000 + " ms, install " + (tInstalled - tInit) / 1_000_000 + " ms, start "
                    + (tStarted - tInstalled) / 1_000_000 + " ms, driver table " + (System.nanoTime() - tStarted) / 1_000_000
                    + " ms)");
            if (shell != null) {
                start(shell);
                log.info("started " + GOGO_SHELL + " (state " + shell.getState() + ")"); // tests wait for this line
            }
            FrameworkEvent stopped = fw.waitForStop(0);
            log.info("framework stopped: " + eventName(stopped));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            if (shuttingDown) {
                return 0; // stopped while starting: the shutdown hook has it in hand
            }
            log.log("ERROR", "launcher", "jvirt failed to start", e);
            stderr.println("jvirt: failed to start: " + e + " (see " + log.path() + ")");
            return 1;
        }
    }

    private Map<String, Object> frameworkProperties(Path data) throws IOException {
        Map<String, Object> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, data.resolve("cache").toString());
        // The cache is rebuilt from bundle/ and deploy/ on every start; state lives in data/.
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put("felix.log.logger", new FrameworkLog(log));
        p.put("felix.log.level", "3");
        p.put("jvirt.home", home.toString());
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(BOOT_START_LEVEL));
        p.put("jvirt.data", data.toString());
        if (options.unixDir() != null) {
            p.put("jvirt.unix.dir", options.unixDir().toString());
        }
        if (options.tcpProperty() != null) {
            p.put("jvirt.tcp", options.tcpProperty());
        }
        // FileInstall: etc/ for configurations here; deploy/ through etc/org.apache.felix.fileinstall-deploy.cfg.
        p.put("felix.fileinstall.dir", home.resolve("etc").toString());
        p.put("felix.fileinstall.filter", ".*\\.cfg");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.log.default", "jul");
        p.put("felix.fileinstall.log.level", "3");
        // etc/ is the source of truth and may be shared by several instances: never write it back.
        p.put("felix.fileinstall.enableConfigSave", "false");
        // The OSGi log service's level, and Gogo.
        p.put("org.osgi.service.log.admin.loglevel", "INFO");
        p.put("gosh.home", home.toString());
        boolean interactive = options.console() || System.console() != null;
        p.put("gosh.args", interactive ? "--noshutdown" : "--noshutdown --nointeractive");
        // etc/config.properties overrides any of these, and adds more.
        Path config = home.resolve("etc").resolve("config.properties");
        if (Files.isRegularFile(config)) {
            Properties extra = new Properties();
            try (InputStream in = Files.newInputStream(config)) {
                extra.load(in);
            }
            for (String k : extra.stringPropertyNames()) {
                p.put(k, extra.getProperty(k).replace("${jvirt.home}", home.toString())
                        .replace("${jvirt.data}", data.toString()));
            }
        }
        return p;
    }

    /** Installs bundle/*.jar; their order of start is decided by {@link #startBoot}. */
    private List<Bundle> installBoot(BundleContext ctx) throws IOException {
        Path dir = home.resolve("bundle");
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            ds.forEach(jars::add);
        }
        jars.sort(Comparator.comparing(Path::toString));
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            try {
                bundles.add(ctx.installBundle("reference:" + jar.toUri()));
            } catch (BundleException e) {
                warn("cannot install " + home.relativize(jar) + ": " + e.getMessage(), e);
            }
        }
        if (bundles.stream().noneMatch(b -> Readiness.FILEINSTALL.equals(b.getSymbolicName()))) {
            warn("no FileInstall in bundle/: etc/*.cfg and deploy/ are not watched", null);
        }
        return bundles;
    }

    /**
     * Marks the boot bundles for start as part of the framework's own start, each at a start level
     * by its rank: the log service first, then ConfigAdmin and FileInstall (so that etc/*.cfg is in
     * ConfigAdmin before components activate), then the rest with jvirt's own last. So the framework
     * reports STARTED only once every boot bundle has started, which is when the registry begins to
     * initialize driver state (in libvirt's order, whatever order the bundles started in). The Gogo
     * shell is returned unstarted: it starts after the ready line so that its prompt does not get in
     * the way.
     */
    private Bundle startBoot(BundleContext ctx, List<Bundle> boot) {
        Map<Long, Long> starting = new java.util.concurrent.ConcurrentHashMap<>();
        ctx.addBundleListener((org.osgi.framework.SynchronousBundleListener) e -> {
            if (e.getType() == org.osgi.framework.BundleEvent.STARTING) {
                starting.put(e.getBundle().getBundleId(), System.nanoTime());
            } else if (e.getType() == org.osgi.framework.BundleEvent.STARTED) {
                Long t = starting.remove(e.getBundle().getBundleId());
                if (t != null) {
                    log.info("started " + e.getBundle().getSymbolicName() + " in " + (System.nanoTime() - t) / 1_000_000
                            + " ms");
                }
            }
        });
        ctx.addFrameworkListener(e -> {
            if (e.getType() == FrameworkEvent.ERROR && e.getBundle() != null && e.getBundle().getBundleId() != 0) {
                Throwable why = e.getThrowable();
                warn("cannot start " + e.getBundle().getSymbolicName() + " (" + e.getBundle().getLocation() + "): "
                        + (why != null ? why.getMessage() : "framework error"), why);
            }
        });
        Bundle shell = null;
        for (Bundle b : boot) {
            if (GOGO_SHELL.equals(b.getSymbolicName())) {
                shell = b;
                continue;
            }
            if (b.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                b.adapt(BundleStartLevel.class).setStartLevel(startRank(b) + 1);
                start(b); // above the active start level (0 until fw.start()): marked, and started by the framework
            }
        }
        return shell;
    }

    /** The start level the framework rises to: every boot bundle's ({@link #startRank} + 1). */
    static final int BOOT_START_LEVEL = 5;

    private static int startRank(Bundle b) {
        String bsn = String.valueOf(b.getSymbolicName());
        return switch (bsn) {
            case "org.apache.felix.log" -> 0;
            case "org.apache.felix.configadmin" -> 1;
            case Readiness.FILEINSTALL -> 2;
            default -> bsn.startsWith("io.jvirt.") ? 4 : 3;
        };
    }

    private void start(Bundle b) {
        try {
            b.start();
        } catch (BundleException | RuntimeException e) {
            warn("cannot start " + b.getSymbolicName() + " (" + b.getLocation() + "): " + e.getMessage(), e);
        }
    }

    private long waitUntilReady(BundleContext ctx, long t0) throws InterruptedException {
        long timeoutS = longProperty(ctx, "jvirt.ready.timeout", DEFAULT_READY_TIMEOUT_S);
        long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
        Readiness readiness = new Readiness(ctx, home.resolve("deploy"));
        boolean ready;
        while (!(ready = readiness.check()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        readiness.failedDeploys().forEach((jar, why) -> warn(jar + " did not start: " + why, null));
        if (!ready) {
            warn("the driver table is not complete after " + timeoutS + " s: " + String.join("; ", readiness.missing()),
                    null);
        }
        stdout.println("jvirt ready: drivers=" + String.join(",", readiness.driverNames()));
        stdout.flush();
        if (readiness.daemonInstalled()) {
            Readiness.DaemonStatus daemon;
            while ((daemon = readiness.daemonStatus()) == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (daemon == null) {
                warn("jvirtd is not listening after " + timeoutS + " s (see data/log/jvirt.log)", null);
            } else {
                // a listener that failed (a taken TCP port, say) is named before the ready line that shows it failed
                for (String failure : daemon.failures()) {
                    warn("jvirtd: " + failure + "; the other listeners serve, and it is tried again on the next "
                            + "change of etc/io.jvirt.daemon.cfg", null);
                }
                stdout.println(daemon.readyLine());
                stdout.flush();
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long longProperty(BundleContext ctx, String name, long dflt) {
        String v = ctx.getProperty(name);
        try {
            return v == null ? dflt : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** Shutdown hook (SIGTERM, SIGINT, System.exit): stop the framework, wait a bounded time. */
    private void shutdown() {
        shuttingDown = true;
        Framework fw = framework;
        try {
            if (fw != null && (fw.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
                log.info("stopping the framework");
                long timeoutS = stopTimeoutS;
                fw.stop();
                FrameworkEvent e = fw.waitForStop(timeoutS * 1000);
                if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    log.warn("the framework did not stop within " + timeoutS + " s", null);
                    stderr.println("jvirt: warning: the framework did not stop within " + timeoutS + " s");
                } else {
                    log.info("jvirt stopped cleanly");
                }
            }
        } catch (Exception e) {
            log.warn("error while stopping", e);
        } finally {
            log.close();
        }
    }

    private void warn(String message, Throwable t) {
        log.warn(message, t);
        stderr.println("jvirt: warning: " + message);
    }

    private static String eventName(FrameworkEvent e) {
        return switch (e.getType()) {
            case FrameworkEvent.STOPPED -> "STOPPED";
            case FrameworkEvent.STOPPED_UPDATE -> "STOPPED_UPDATE";
            case FrameworkEvent.ERROR -> "ERROR";
            case FrameworkEvent.WAIT_TIMEDOUT -> "WAIT_TIMEDOUT";
            default -> "type " + e.getType();
        };
    }
}
