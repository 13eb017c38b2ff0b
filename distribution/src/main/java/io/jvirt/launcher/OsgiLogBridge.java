package io.jvirt.launcher;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Copies what bundles log through the OSGi log service (SCR's component errors, for one) into the
 * log file. The launcher lives outside OSGi and does not see the log API's classes, so it talks
 * to {@code LogReaderService} reflectively, with a proxy for {@code LogListener}.
 */
final class OsgiLogBridge extends ServiceTracker<Object, Object> {
    private static final String READER = "org.osgi.service.log.LogReaderService";
    private static final String LISTENER = "org.osgi.service.log.LogListener";
    private static final String ENTRY = "org.osgi.service.log.LogEntry";

    private final LogFile file;

    OsgiLogBridge(BundleContext context, LogFile file) throws org.osgi.framework.InvalidSyntaxException {
        super(context, context.createFilter("(objectClass=" + READER + ")"), null);
        this.file = file;
    }

    @Override
    public Object addingService(ServiceReference<Object> ref) {
        Object reader = context.getService(ref);
        if (reader == null) {
            return null;
        }
        try {
            Bundle api = ref.getBundle();
            Class<?> readerType = api.loadClass(READER);
            Class<?> listenerType = api.loadClass(LISTENER);
            Class<?> entryType = api.loadClass(ENTRY);
            Method level = entryType.getMethod("getLogLevel");
            Method message = entryType.getMethod("getMessage");
            Method exception = entryType.getMethod("getException");
            Method bundle = entryType.getMethod("getBundle");
            Method loggerName = entryType.getMethod("getLoggerName");
            InvocationHandler h = (proxy, m, args) -> {
                switch (m.getName()) {
                    case "logged" -> {
                        Object e = args[0];
                        String lvl = String.valueOf(level.invoke(e));
                        // Service events come by the dozen and bypass LoggerAdmin's levels: keep problems only.
                        if (String.valueOf(loggerName.invoke(e)).startsWith("Events.Service.")
                                && !lvl.equals("WARN") && !lvl.equals("ERROR")) {
                            return null;
                        }
                        Bundle b = (Bundle) bundle.invoke(e);
                        String source = b == null ? "osgi" : b.getSymbolicName() + "/" + b.getBundleId();
                        file.log(lvl, source, (String) message.invoke(e),
                                (Throwable) exception.invoke(e));
                        return null;
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    case "toString" -> {
                        return "jvirt launcher log bridge";
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                }
            };
            Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] { listenerType }, h);
            readerType.getMethod("addLogListener", listenerType).invoke(reader, listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            file.warn("cannot follow the OSGi log service", e);
        }
        return reader;
    }

    @Override
    public void removedService(ServiceReference<Object> ref, Object service) {
        // The reader drops its listeners when it goes away.
        context.ungetService(ref);
    }
}
