package io.jvirt.conf.nwfilter;

/** An entry of a filter, kept in document order: a {@link Rule} or a {@link FilterRef}. */
public sealed interface FilterEntry permits Rule, FilterRef {
}
