package io.jvirt.driver.qemu.domain;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import io.jvirt.driver.qemu.qmp.QmpClient;

/**
 * One running QEMU process: its pid and start time, its monitor, and what the driver asked of it
 * (so the end of the process can be told apart: destroyed, shut down or crashed).
 */
final class Guest {
    final long pid;
    final long startTicks;
    final Path monitor;
    /** The JVM's handle when this driver spawned it; null after a reattach. */
    final Process process;
    /** Completes once the process is gone (reaped or a zombie). */
    final CompletableFuture<Void> exited = new CompletableFuture<>();
    volatile QmpClient qmp;
    volatile boolean destroying;
    volatile boolean shutdownSeen;
    volatile boolean fakeReboot;
    /**
     * The detail of QEMU's SHUTDOWN event while being destroyed (SIGTERM makes QEMU report a host
     * shutdown), -1 before one came: destroy reports it before the stop, as libvirtd does.
     */
    volatile int shutdownWhileDestroyed = -1;
    /** Completes once the monitor connection ended, i.e. every event QEMU sent has been dispatched. */
    final CompletableFuture<Void> monitorClosed = new CompletableFuture<>();
    /**
     * STOP and RESUME events our own {@code stop}/{@code cont} will cause: their state change is
     * already made by the command's caller, and one handled late must not undo a newer change.
     */
    final java.util.concurrent.atomic.AtomicInteger expectedStops = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger expectedResumes = new java.util.concurrent.atomic.AtomicInteger();

    /** Devices asked to leave ({@code device_del}) by alias: what to remove after DEVICE_DELETED, and who waits. */
    final java.util.concurrent.ConcurrentHashMap<String, Unplug> unplugs = new java.util.concurrent.ConcurrentHashMap<>();

    record Unplug(java.util.List<DeviceXml.Qmp> backendCleanup,
            java.util.concurrent.CompletableFuture<Void> done) {
    }

    Guest(long pid, long startTicks, Path monitor, Process process) {
        this.pid = pid;
        this.startTicks = startTicks;
        this.monitor = monitor;
        this.process = process;
    }

    /** Runs {@code stop} or {@code cont}, noting the event it will cause. */
    void run(String command) {
        java.util.concurrent.atomic.AtomicInteger expected = command.equals("stop") ? expectedStops : expectedResumes;
        expected.incrementAndGet();
        try {
            qmp().execute(command);
        } catch (RuntimeException e) {
            expected.decrementAndGet();
            throw e;
        }
    }

    /** Whether an event is the echo of our own command (and consumes that expectation). */
    static boolean expected(java.util.concurrent.atomic.AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    QmpClient qmp() {
        QmpClient q = qmp;
        if (q == null || q.isClosed()) {
            throw io.jvirt.driver.qemu.QemuErrors.operationFailed("the QEMU monitor of pid " + pid + " is gone");
        }
        return q;
    }
}
