package io.jvirt.conf.domain;

/**
 * How a definition is parsed: the driver's hook and whether the definition is the inactive
 * (persistent) one, in which case runtime-only data (ids, aliases, live state) is ignored.
 */
public record ParseContext(PostParseHook hook, boolean inactive) {
    public ParseContext {
        hook = hook == null ? PostParseHook.NONE : hook;
    }

    /** Parsing a definition given to define: inactive, with the driver's hook. */
    public static ParseContext define(PostParseHook hook) {
        return new ParseContext(hook, true);
    }
}
