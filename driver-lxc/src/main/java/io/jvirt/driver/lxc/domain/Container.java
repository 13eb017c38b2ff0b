package io.jvirt.driver.lxc.domain;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.jvirt.driver.lxc.cgroup.Cgroups;

/**
 * A running container as the driver knows it: its controller (pid and start time, which tell it
 * apart from a later process of the same pid), init's pid, the control socket, the cgroup and the
 * host ptys of its consoles. {@link #ended} counts down once the controller is gone.
 */
final class Container {
    final long controllerPid;
    final long controllerTicks;
    final long initPid;
    final Path socket;
    final Cgroups.Group cgroup;
    final List<String> ptys;
    final CountDownLatch ended = new CountDownLatch(1);
    /** Set by destroy before it asks the controller: the end is then "destroyed". */
    volatile boolean destroying;

    Container(long controllerPid, long controllerTicks, long initPid, Path socket, Cgroups.Group cgroup, List<String> ptys) {
        this.controllerPid = controllerPid;
        this.controllerTicks = controllerTicks;
        this.initPid = initPid;
        this.socket = socket;
        this.cgroup = cgroup;
        this.ptys = ptys;
    }
}
