package dev.plexsrc.http;

import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * What Vert.x 4 offers only through its internals ({@code ConnectionBase}): the Netty channel under
 * a request's connection. The one place that uses them, so that an upgrade breaks here only.
 */
public final class HttpConnections {

    private HttpConnections() {
    }

    /**
     * Runs {@code over} once when the request is over: its answer ended, or its connection closed.
     * Vert.x' end handlers alone miss a close: REST's streaming takes the response's one close
     * handler for itself, and an answer ended but never flushed to a client that left is never
     * reported ended.
     */
    public static void whenOver(RoutingContext context, Runnable over) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                over.run();
            }
        };
        Channel channel = channel(context.request());
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

    /**
     * Cuts a stuck client's connection at once. A plain close is queued behind what its client
     * never takes, so it would wait for the idle timeout; with SO_LINGER 0 the kernel also drops
     * what it still holds for that client (some MB on loopback) and sends a reset.
     */
    public static void reset(HttpServerRequest request) {
        if (request.connection() instanceof ConnectionBase connection) {
            connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            // From the Vert.x handler's context onwards: past its graceful close, which would flush first.
            connection.channelHandlerContext().close();
        } else {
            request.connection().close();
        }
    }

    /**
     * Whether the request's client has gone. A write to a reset connection fails once Netty has
     * closed the channel but before Vert.x, a task later, marks the response closed.
     */
    public static boolean clientGone(HttpServerRequest request) {
        if (request.response().closed()) {
            return true;
        }
        Channel channel = channel(request);
        return channel != null && !channel.isActive();
    }

    /** The listening socket that accepted the request's connection (Vert.x 4 cannot close only that); null if unknown. */
    public static Channel listener(HttpServerRequest request) {
        Channel channel = channel(request);
        return channel == null ? null : channel.parent();
    }

    private static Channel channel(HttpServerRequest request) {
        return request.connection() instanceof ConnectionBase connection ? connection.channel() : null;
    }
}
