package io.jvirt.daemon.auth;

import java.util.List;

/** A client's SASL state between AUTH_SASL_INIT and the end of the exchange: what it was offered, then its exchange. */
public final class SaslSession {
    private final List<String> offered;
    private SaslExchange exchange;

    public SaslSession(List<String> offered) {
        this.offered = List.copyOf(offered);
    }

    public List<String> offered() {
        return offered;
    }

    public SaslExchange exchange() {
        return exchange;
    }

    public void exchange(SaslExchange e) {
        exchange = e;
    }
}
