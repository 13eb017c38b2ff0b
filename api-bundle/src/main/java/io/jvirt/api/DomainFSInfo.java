package io.jvirt.api;

import java.util.List;

/** {@code virDomainFSInfo}: a mounted guest file system and the disks under it. */
public record DomainFSInfo(String mountpoint, String name, String fstype, List<String> devAliases) {
    public DomainFSInfo {
        devAliases = List.copyOf(devAliases);
    }
}
