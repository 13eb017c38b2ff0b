package io.jvirt.driver.remote;

import java.nio.file.Path;

/**
 * The remote driver's configurable values (ConfigAdmin PID {@code io.jvirt.driver.remote}); a
 * change applies to connections opened after it.
 *
 * @param socketDir where {@code libvirt-sock} and {@code libvirt-sock-ro} are for URIs without a host
 * @param connectTimeoutMs how long a TCP or TLS connect may take
 * @param reconnectWaitMs how long a call on a {@code ?reconnect=1} connection waits for the new session
 */
public record RemoteSettings(Path socketDir, int connectTimeoutMs, long reconnectWaitMs) {
    public static RemoteSettings defaults() {
        return new RemoteSettings(RemoteUri.DEFAULT_SOCKET_DIR, 30_000, 30_000);
    }

    public RemoteSettings withSocketDir(Path dir) {
        return new RemoteSettings(dir, connectTimeoutMs, reconnectWaitMs);
    }
}
