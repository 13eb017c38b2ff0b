package io.jvirt.registry.connect;

import io.jvirt.registry.table.DriverEntry;

/** A driver object to call and the table entry whose in-flight count the call holds. */
record Binding<D>(DriverEntry<?> entry, D driver) {
}
