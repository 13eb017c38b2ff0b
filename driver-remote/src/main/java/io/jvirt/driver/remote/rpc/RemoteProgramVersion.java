package io.jvirt.driver.remote.rpc;

import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteProgram;

/** The version word of a call's header: every program jvirt speaks is at version 1. */
final class RemoteProgramVersion {
    private RemoteProgramVersion() {
    }

    static int of(Procedure<?, ?> p) {
        return p.program() == RemoteProgram.PROGRAM ? RemoteProgram.VERSION : 1;
    }
}
