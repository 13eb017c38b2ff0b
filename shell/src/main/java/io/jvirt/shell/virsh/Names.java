package io.jvirt.shell.virsh;

import java.util.List;

import io.jvirt.api.ListAllDomainsFlag;
import io.jvirt.api.ListAllNetworksFlag;
import io.jvirt.api.ListAllStoragePoolsFlag;
import io.jvirt.api.NamedObject;

/**
 * The object names an option completes to, listed the way virsh's completers list them: with the
 * same list flags, so {@code start} offers inactive domains and {@code resume} paused ones.
 */
final class Names {
    private Names() {
    }

    static Opt.Values domains(ListAllDomainsFlag... flags) {
        return c -> sorted(c.listAllDomains(flags));
    }

    static Opt.Values networks(ListAllNetworksFlag... flags) {
        return c -> sorted(c.listAllNetworks(flags));
    }

    static Opt.Values pools(ListAllStoragePoolsFlag... flags) {
        return c -> sorted(c.listAllStoragePools(flags));
    }

    private static List<String> sorted(List<? extends NamedObject> objects) {
        return objects.stream().sorted(Text.BY_NAME).map(NamedObject::getName).toList();
    }

    /** A fixed set of words, such as shutdown's modes. */
    static Opt.Values words(String... words) {
        List<String> list = List.of(words);
        return c -> list;
    }
}
