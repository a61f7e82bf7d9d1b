package dev.tollgate.plugins.requestsizelimiting;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import dev.tollgate.sdk.ClientRequest;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.testkit.FakePluginContext;

/**
 * A {@link FakePluginContext} that records whether the plugin read the request body (which
 * buffers it). A proxy, so calls the SDK adds later still reach the fake.
 */
final class BodyReadRecordingContext {
    private final PluginContext context;
    private boolean bodyRead;

    BodyReadRecordingContext(FakePluginContext fake) {
        ClientRequest request = proxy(ClientRequest.class, fake.request(), "body");
        this.context = proxy(PluginContext.class, fake, "request", request);
    }

    PluginContext context() {
        return context;
    }

    boolean bodyRead() {
        return bodyRead;
    }

    private <T> T proxy(Class<T> type, T target, String intercepted) {
        return proxy(type, target, intercepted, null);
    }

    /** {@code target}, except that {@code intercepted} marks the body read, or returns {@code replacement}. */
    private <T> T proxy(Class<T> type, T target, String intercepted, Object replacement) {
        InvocationHandler handler = (p, method, args) -> {
            if (method.getName().equals(intercepted) && method.getParameterCount() == 0) {
                if (replacement != null) {
                    return replacement;
                }
                bodyRead = true;
            }
            return invoke(method, target, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
