package io.jvirt.api;

/** {@code virDomainMemoryStatStruct}: {@code tag} is libvirt's {@code virDomainMemoryStatTags} number. */
public record MemoryStat(int tag, long value) {
}
