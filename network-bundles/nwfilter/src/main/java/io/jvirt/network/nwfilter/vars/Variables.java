package io.jvirt.network.nwfilter.vars;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a filter's variables (libvirt's filter parameters): a name has one value or a list
 * of them, duplicates kept, in the order given. Immutable; every change makes a new set.
 */
public final class Variables {
    private static final Variables EMPTY = new Variables(new LinkedHashMap<>());

    private final Map<String, List<String>> values;

    private Variables(LinkedHashMap<String, List<String>> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Variables empty() {
        return EMPTY;
    }

    public static Variables of(Map<String, List<String>> values) {
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                copy.put(k, List.copyOf(v));
            }
        });
        return new Variables(copy);
    }

    /** The values of a variable, or null when it has none. */
    public List<String> get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, List<String>> asMap() {
        return values;
    }

    /**
     * These values with {@code top}'s on top (libvirt's virNWFilterCreateVarsFrom): a name both have
     * takes {@code top}'s values.
     */
    public Variables overlay(Variables top) {
        if (top.values.isEmpty()) {
            return this;
        }
        LinkedHashMap<String, List<String>> m = new LinkedHashMap<>(values);
        m.putAll(top.values);
        return new Variables(m);
    }

    /** These values plus {@code name = value} unless the name has a value already (libvirt's standard MAC and IP). */
    public Variables withDefault(String name, List<String> value) {
        if (values.containsKey(name) || value == null || value.isEmpty()) {
            return this;
        }
        LinkedHashMap<String, List<String>> m = new LinkedHashMap<>(values);
        m.put(name, List.copyOf(value));
        return new Variables(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variables v && values.equals(v.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
