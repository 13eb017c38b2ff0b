package io.jvirt.shell.virsh;

import java.util.UUID;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.Network;
import io.jvirt.api.StoragePool;
import io.jvirt.api.VirtException;

/**
 * Finds an object from what the user typed, in virsh's order: a domain by ID, then UUID, then
 * name; a network or pool by UUID, then name. The failure text is virsh's: for domains only
 * {@code failed to get domain 'x'}, for networks and pools that line and libvirt's error.
 */
final class Lookup {
    private Lookup() {
    }

    static Domain domain(Connect c, String what) {
        try {
            int id = Integer.parseInt(what);
            if (id >= 0) {
                return c.domainLookupByID(id);
            }
        } catch (NumberFormatException | VirtException notById) {
            // go on with UUID and name
        }
        if (isUuid(what)) {
            try {
                return c.domainLookupByUUIDString(what);
            } catch (VirtException notByUuid) {
                // go on with the name
            }
        }
        try {
            return c.domainLookupByName(what);
        } catch (VirtException e) {
            throw new ShellError("failed to get domain '" + what + "'");
        }
    }

    static Network network(Connect c, String what) {
        if (isUuid(what)) {
            try {
                return c.networkLookupByUUID(UUID.fromString(what));
            } catch (VirtException notByUuid) {
                // go on with the name
            }
        }
        try {
            return c.networkLookupByName(what);
        } catch (VirtException e) {
            throw new ShellError("failed to get network '" + what + "'", e.getMessage());
        }
    }

    static StoragePool pool(Connect c, String what) {
        if (isUuid(what)) {
            try {
                return c.storagePoolLookupByUUID(UUID.fromString(what));
            } catch (VirtException notByUuid) {
                // go on with the name
            }
        }
        try {
            return c.storagePoolLookupByName(what);
        } catch (VirtException e) {
            throw new ShellError("failed to get pool '" + what + "'", e.getMessage());
        }
    }

    /** The 36-character form virsh recognises before trying a UUID lookup. */
    private static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
