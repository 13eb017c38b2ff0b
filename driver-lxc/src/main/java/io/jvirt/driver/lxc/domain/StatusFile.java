package io.jvirt.driver.lxc.domain;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import io.jvirt.driver.lxc.util.AtomicFiles;

/**
 * {@code run/NAME.status}: what a successor needs to find a running container again, written
 * atomically after {@code run/NAME.xml} (the live definition), so a status file always has its
 * XML. A properties file: controller pid and start time, init's pid, socket, cgroup, ptys, state.
 */
record StatusFile(long controllerPid, long controllerTicks, long initPid, String socket, String partition, String leaf,
        List<String> ptys, int state, int reason) {

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("controller.pid", Long.toString(controllerPid));
        p.setProperty("controller.ticks", Long.toString(controllerTicks));
        p.setProperty("init.pid", Long.toString(initPid));
        p.setProperty("socket", socket);
        p.setProperty("cgroup.partition", partition);
        p.setProperty("cgroup.leaf", leaf);
        p.setProperty("ptys", String.join(" ", ptys));
        p.setProperty("state", Integer.toString(state));
        p.setProperty("reason", Integer.toString(reason));
        StringWriter w = new StringWriter();
        p.store(w, "jvirt LXC container status");
        AtomicFiles.replace(file, w.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static StatusFile read(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file)));
        String ptys = p.getProperty("ptys", "").trim();
        return new StatusFile(Long.parseLong(p.getProperty("controller.pid")),
                Long.parseLong(p.getProperty("controller.ticks")), Long.parseLong(p.getProperty("init.pid")),
                p.getProperty("socket"), p.getProperty("cgroup.partition"), p.getProperty("cgroup.leaf"),
                ptys.isEmpty() ? List.of() : List.of(ptys.split(" ")), Integer.parseInt(p.getProperty("state")),
                Integer.parseInt(p.getProperty("reason")));
    }
}
