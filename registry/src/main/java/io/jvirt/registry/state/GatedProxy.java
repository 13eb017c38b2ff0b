package io.jvirt.registry.state;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A secondary driver service (network, storage, ...) whose every call passes its gate first: it is
 * not opened like a hypervisor, so no single call stands for all.
 */
final class GatedProxy {
    private GatedProxy() {
    }

    static <S> S of(Class<S> type, S service, Gate gate) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "gated " + service;
                };
            }
            gate.pass();
            try {
                return method.invoke(service, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, h));
    }
}
