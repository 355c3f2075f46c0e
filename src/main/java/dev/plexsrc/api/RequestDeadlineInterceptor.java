package dev.plexsrc.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;

/** Puts the deadline on the {@link Uni} a resource method returns, around everything it runs. */
@RequestDeadline
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class RequestDeadlineInterceptor {

    private final Duration timeout;
    private final Map<String, Duration> extendedTimeouts = new ConcurrentHashMap<>();

    public RequestDeadlineInterceptor(@ConfigProperty(name = "plexsrc.request-timeout") Duration timeout) {
        this.timeout = timeout;
    }

    @AroundInvoke
    Object withDeadline(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        if (result instanceof Uni<?> answer) {
            return answer.ifNoItem().after(timeout(invocation)).failWith(DeadlineExceeded::new);
        }
        return result;
    }

    private Duration timeout(InvocationContext invocation) {
        String extension = invocation.getInterceptorBinding(RequestDeadline.class).extendedBy();
        if (extension.isEmpty()) {
            return timeout;
        }
        return extendedTimeouts.computeIfAbsent(extension,
                setting -> timeout.plus(ConfigProvider.getConfig().getValue(setting, Duration.class)));
    }

    /** The request's database work did not finish in time. */
    public static final class DeadlineExceeded extends RuntimeException {
        DeadlineExceeded() {
            super("request deadline exceeded", null, false, false);
        }
    }
}
