package dev.plexsrc.api;

import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs something once when a request is over: its answer ended, or its connection closed. Vert.x'
 * end handlers alone miss a close: REST's streaming takes the response's one close handler for
 * itself, and an answer ended but never flushed to a client that left is never reported ended.
 */
public final class RequestCompletion {

    private RequestCompletion() {
    }

    public static void whenOver(RoutingContext context, Runnable over) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                over.run();
            }
        };
        Channel channel = context.request().connection() instanceof ConnectionBase connection ? connection.channel()
                : null;
        if (channel == null) {
            context.addEndHandler(ended -> once.run());
            return;
        }
        ChannelFutureListener closed = future -> once.run();
        channel.closeFuture().addListener(closed);
        // A keep-alive connection carries many requests: each removes its listener when it ends.
        context.addEndHandler(ended -> {
            channel.closeFuture().removeListener(closed);
            once.run();
        });
    }
}
