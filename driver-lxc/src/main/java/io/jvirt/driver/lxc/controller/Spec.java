package io.jvirt.driver.lxc.controller;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.jvirt.driver.lxc.LxcErrors;
import io.jvirt.driver.lxc.cgroup.Cgroups;
import io.jvirt.driver.lxc.conf.LxcDefinition;

/**
 * The spec a controller reads (spec.c): NUL-terminated tokens, each key followed by its values.
 * Built from the definition: init and its arguments, environment (libvirt's variables first, then
 * {@code <initenv>}), directory and ids; the root and the other file systems; consoles; the
 * namespaces; the cgroup directories init joins.
 */
public final class Spec {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Spec() {
    }

    public static byte[] of(LxcDefinition def, Path socket, Path log, Cgroups.Group cgroup) {
        Spec s = new Spec();
        s.put("name", def.name()).put("uuid", def.uuid()).put("hostname", def.name());
        s.put("log", log.toString()).put("sock", socket.toString());
        LxcDefinition.Init init = def.init();
        if (init.path() == null) {
            throw LxcErrors.unsupported("no init path provided in the domain definition"); // never: the hook defaults it
        }
        boolean rootSeen = false;
        for (LxcDefinition.Filesystem f : def.filesystems()) {
            switch (f.type()) {
                case "mount" -> {
                    if ("/".equals(f.target())) {
                        s.put("root", f.source(), f.readonly() ? "1" : "0");
                        rootSeen = true;
                    } else {
                        s.put("bind", f.source(), f.target(), f.readonly() ? "1" : "0");
                    }
                }
                case "ram" -> s.put("ram", f.target(), Long.toString(f.usageKiB() == null ? 0 : f.usageKiB()),
                        f.readonly() ? "1" : "0");
                case "block" -> s.put("block", f.source(), f.target(), f.format() == null ? "ext4" : f.format(),
                        f.readonly() ? "1" : "0");
                default -> throw LxcErrors.unsupported("Unexpected filesystem type " + f.type());
            }
        }
        if (!rootSeen) {
            s.put("root", "/", "0"); // libvirt shares the host's root when none is given
        }
        if (!def.interfaces().isEmpty()) {
            throw LxcErrors.unsupported("interfaces are not supported by this build of the LXC driver yet");
        }
        if (def.privnet()) {
            s.put("net");
        }
        List<LxcDefinition.IdMap> uids = def.uidMap();
        if (!uids.isEmpty()) {
            s.put("user").put("uidmap", map(uids)).put("gidmap", map(def.gidMap()));
        }
        s.put("init", init.path());
        for (String a : init.args()) {
            s.put("arg", a);
        }
        // libvirt's container environment, then the definition's
        s.put("env", "PATH=/bin:/sbin").put("env", "TERM=linux").put("env", "container=lxc-libvirt")
                .put("env", "HOME=/").put("env", "container_uuid=" + def.uuid())
                .put("env", "LIBVIRT_LXC_UUID=" + def.uuid()).put("env", "LIBVIRT_LXC_NAME=" + def.name());
        for (String e : init.env()) {
            s.put("env", e);
        }
        if (init.dir() != null) {
            s.put("cwd", init.dir());
        }
        if (init.user() != null) {
            s.put("uid", numeric(init.user(), "inituser"));
        }
        if (init.group() != null) {
            s.put("gid", numeric(init.group(), "initgroup"));
        }
        s.put("consoles", Integer.toString(def.consoles().size()));
        for (Path d : cgroup.dirs()) {
            s.put("cgroup", d.toString());
        }
        s.put("freezer", cgroup.freezer().toString());
        if (cgroup.killFile() != null) {
            s.put("kill", cgroup.killFile().toString());
        }
        return s.out.toByteArray();
    }

    private static String numeric(String v, String what) {
        if (!v.matches("\\d+")) {
            throw LxcErrors.unsupported("<" + what + "> must be numeric in this driver: " + v);
        }
        return v;
    }

    private static String map(List<LxcDefinition.IdMap> m) {
        StringBuilder sb = new StringBuilder();
        for (LxcDefinition.IdMap i : m) {
            sb.append(i.start()).append(' ').append(i.target()).append(' ').append(i.count()).append('\n');
        }
        return sb.toString();
    }

    private Spec put(String key, String... values) {
        token(key);
        for (String v : values) {
            token(v == null ? "" : v);
        }
        return this;
    }

    private void token(String t) {
        if (t.indexOf('\0') >= 0) {
            throw LxcErrors.invalidArg("a value of the definition holds a NUL byte");
        }
        byte[] b = t.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        out.write(0);
    }
}
