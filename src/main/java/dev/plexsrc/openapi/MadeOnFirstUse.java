package dev.plexsrc.openapi;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * A value made when it is first asked for, on a worker thread, so that no event loop waits for it;
 * made once however many ask at the same time, then kept (a failure too: making it again would
 * fail again).
 */
final class MadeOnFirstUse<T> {

    private final Callable<T> make;
    private final AtomicReference<Future<T>> made = new AtomicReference<>();

    MadeOnFirstUse(Callable<T> make) {
        this.make = make;
    }

    /**
     * The value, complete once it is made; the first call starts the making. Its listeners run on
     * the thread that completes it, which may be another request's event loop.
     */
    Future<T> get(Vertx vertx) {
        Future<T> future = made.get();
        if (future != null) {
            return future;
        }
        Promise<T> promise = Promise.promise();
        if (made.compareAndSet(null, promise.future())) {
            vertx.executeBlocking(make, false).onComplete(promise);
        }
        return made.get();
    }
}
