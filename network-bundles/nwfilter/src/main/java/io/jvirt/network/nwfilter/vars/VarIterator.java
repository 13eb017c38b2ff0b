package io.jvirt.network.nwfilter.vars;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.Value.Variable;

/**
 * Walks every combination of the values a rule's variables take (libvirt's
 * virNWFilterVarCombIter): variables accessed with the same iterator ({@code $A} and {@code $B} are
 * both {@code @0}) advance together and need lists of the same length, different iterators
 * ({@code $A[@1]}, {@code $B[@2]}) give all combinations, the first iterator varying fastest, and
 * an element access ({@code $A[2]}) takes one value. A combination of values already seen on an
 * iterator is skipped, so a list with duplicates gives each rule once.
 */
public final class VarIterator {
    /** One iterator and the variables it walks in parallel. */
    private static final class Entry {
        final List<String> names = new ArrayList<>();
        int min;
        int max;
        int cur;
    }

    private final Variables vars;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, Entry> byIterator = new HashMap<>();
    private final Map<Variable, Entry> byElement = new HashMap<>();

    private VarIterator(Variables vars) {
        this.vars = vars;
    }

    /**
     * An iterator over the accesses of one rule (distinct, in the rule's order) on its values,
     * positioned on the first combination.
     */
    public static VarIterator create(Variables vars, List<Variable> accesses) {
        VarIterator it = new VarIterator(vars);
        Entry zero = new Entry();
        it.entries.add(zero);
        it.byIterator.put(0L, zero);
        for (Variable v : accesses) {
            Entry e;
            if (v.iterator()) {
                e = it.byIterator.get(v.index());
                if (e == null) {
                    e = new Entry();
                    it.entries.add(e);
                    it.byIterator.put(v.index(), e);
                }
            } else {
                e = new Entry();
                it.entries.add(e);
                it.byElement.put(v, e);
            }
            it.add(e, v);
        }
        return it;
    }

    private void add(Entry e, Variable v) {
        List<String> values = vars.get(v.name());
        if (values == null) {
            throw internal("Could not find value for variable '" + v.name() + "'");
        }
        int max = v.iterator() ? values.size() - 1 : (int) v.index();
        int min = v.iterator() ? 0 : (int) v.index();
        if (e.names.isEmpty()) {
            e.max = max;
            e.min = min;
            e.cur = min;
        } else if (e.max != max) {
            throw internal("Cardinality of list items must be the same for processing them in parallel");
        }
        e.names.add(v.name());
    }

    /** Moves to the next combination; false when there is none. */
    public boolean next() {
        for (Entry e : entries) {
            while (true) {
                e.cur++;
                if (e.cur > e.max) {
                    e.cur = e.min;
                    break;
                }
                if (unique(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the values at the entry's position were not all seen together at an earlier position. */
    private boolean unique(Entry e) {
        List<String> first = vars.get(e.names.get(0));
        String value = first.get(e.cur);
        for (int i = 0; i < e.cur; i++) {
            if (!value.equals(first.get(i))) {
                continue;
            }
            boolean same = true;
            for (int j = 1; j < e.names.size(); j++) {
                List<String> other = vars.get(e.names.get(j));
                if (!other.get(e.cur).equals(other.get(i))) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return false;
            }
        }
        return true;
    }

    /** The value a variable access has in the current combination. */
    public String value(Variable v) {
        Entry e = v.iterator() ? byIterator.get(v.index()) : byElement.get(v);
        if (e == null || !e.names.contains(v.name())) {
            throw internal("Could not find variable '" + v.name() + "' in iterator");
        }
        List<String> values = vars.get(v.name());
        if (e.cur >= values.size()) {
            throw internal("Could not get nth (" + e.cur + ") value of variable '" + v.name() + "'");
        }
        return values.get(e.cur);
    }

    private static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER, "internal error: " + message);
    }
}
