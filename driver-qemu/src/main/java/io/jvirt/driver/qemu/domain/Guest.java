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

    Guest(long pid, long startTicks, Path monitor, Process process) {
        this.pid = pid;
        this.startTicks = startTicks;
        this.monitor = monitor;
        this.process = process;
    }

    QmpClient qmp() {
        QmpClient q = qmp;
        if (q == null || q.isClosed()) {
            throw io.jvirt.driver.qemu.QemuErrors.operationFailed("the QEMU monitor of pid " + pid + " is gone");
        }
        return q;
    }
}
