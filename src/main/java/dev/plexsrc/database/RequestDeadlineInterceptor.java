package dev.plexsrc.database;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Puts the deadline on the {@link Uni} a resource method returns, around everything it runs, and
 * hands it to the request's writes ({@link WriteDeadline}) so that a call answered 503 never commits.
 */
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
        WriteDeadline deadline = WriteDeadline.start();
        Object result = invocation.proceed();
        if (result instanceof Uni<?> answer) {
            return withinDeadline(answer, timeout(invocation), deadline);
        }
        return result;
    }

    /**
     * The deadline fires on the request's own Vert.x context, so the work it cancels (a Hibernate
     * Reactive session rolling back and closing) runs there too, never beside the event loop on
     * Mutiny's timer thread. One emitter and one timer per call: Mutiny's any-of combination went
     * through CompletableFutures and cancelled the loser with an exception and its stack trace,
     * 7 % of the CPU of a retrieve under load.
     */
    private static <T> Uni<T> withinDeadline(Uni<T> answer, Duration timeout, WriteDeadline deadline) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return answer.ifNoItem().after(timeout).failWith(deadline::pass);
        }
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean over = new AtomicBoolean();
            AtomicReference<Cancellable> work = new AtomicReference<>();
            long timer = context.owner().setTimer(timeout.toMillis(), fired -> context.runOnContext(onContext -> {
                if (!over.get()) {
                    // Claimed first, as the commit claims it: from here no COMMIT of this request goes out.
                    RuntimeException passed = deadline.pass();
                    Cancellable running = work.get();
                    if (running != null) {
                        running.cancel();
                    }
                    emitter.fail(passed);
                }
            }));
            // Registered before the subscription: an answer that is there at once still ends the timer.
            emitter.onTermination(() -> {
                over.set(true);
                context.owner().cancelTimer(timer);
                Cancellable running = work.get();
                if (running != null) {
                    running.cancel();
                }
            });
            work.set(answer.subscribe().with(emitter::complete, emitter::fail));
        });
    }

    private Duration timeout(InvocationContext invocation) {
        String extension = invocation.getInterceptorBinding(RequestDeadline.class).extendedBy();
        if (extension.isEmpty()) {
            return timeout;
        }
        return extendedTimeouts.computeIfAbsent(extension,
                setting -> timeout.plus(ConfigProvider.getConfig().getValue(setting, Duration.class)));
    }

    /** The request's database work did not finish in time, and none of it will commit. */
    public static final class DeadlineExceeded extends RuntimeException {
        DeadlineExceeded() {
            super("request deadline exceeded", null, false, false);
        }
    }

    /**
     * The request's commit was sent but not answered, by the deadline or before its connection was
     * lost: it may or may not have been stored.
     */
    public static final class CommitUnconfirmed extends RuntimeException {
        CommitUnconfirmed() {
            super("commit sent but not confirmed", null, false, false);
        }
    }
}
