package dev.plexsrc.http;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;

/**
 * An HTTP/1.1 request whose body length is ambiguous (RFC 9112 6.1 and 6.3): Content-Length and
 * Transfer-Encoding together, or a Transfer-Encoding other than plain {@code chunked}. Two servers
 * in a row may frame it differently, so what one takes for its body the other runs as a request
 * (request smuggling). RequestLimits answers it 400 and closes the connection; here each connection
 * gets a request decoder that keeps the Content-Length Netty would drop (so that the router sees
 * both) and decodes nothing after such a request, so that no byte following it is ever run.
 * <p>
 * Vert.x offers no hook on a connection before its first request is decoded, so the decoder is put
 * in place by a handler on the listening socket, reached through Vert.x' internals once Quarkus
 * announces (asynchronously) that it listens; a connection accepted in the instant before keeps
 * Vert.x' decoder, and only the router's check of the headers.
 */
@Singleton
// The listening socket is read off a private field of Vert.x' server.
@RegisterForReflection(targets = TCPServerBase.class, methods = false)
public class RequestFraming {

    private static final String HTTP_DECODER = "httpDecoder";
    private static final String ACCEPTOR_HOOK = "plexsrc-request-framing";

    private volatile HttpServerOptions options;

    /** Why the request cannot be framed, or null when it can. */
    static String refusal(List<String> transferEncodings, boolean contentLength) {
        if (transferEncodings.isEmpty()) {
            return null;
        }
        if (contentLength) {
            return "Request has both Content-Length and Transfer-Encoding.";
        }
        if (transferEncodings.size() != 1 || !transferEncodings.get(0).toLowerCase(Locale.ROOT).equals("chunked")) {
            return "Request has a Transfer-Encoding other than chunked.";
        }
        return null;
    }

    void install(@ObservesAsync HttpServerStart started, Vertx vertx) throws ReflectiveOperationException {
        options = started.options();
        Field bound = TCPServerBase.class.getDeclaredField("bindFuture");
        bound.setAccessible(true);
        for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            @SuppressWarnings("unchecked")
            io.vertx.core.Future<Channel> listening = (io.vertx.core.Future<Channel>) bound.get(server);
            Channel listener = listening == null ? null : listening.result();
            if (listener != null) {
                synchronized (this) {
                    if (listener.pipeline().get(ACCEPTOR_HOOK) == null) {
                        listener.pipeline().addFirst(ACCEPTOR_HOOK, new AcceptorHook());
                    }
                }
            }
        }
    }

    /** On the listening socket: gives each accepted connection, before it is set up, the handler below. */
    @ChannelHandler.Sharable
    private final class AcceptorHook extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object accepted) {
            if (accepted instanceof Channel connection) {
                connection.pipeline().addLast(new MoveToTail());
            }
            ctx.fireChannelRead(accepted);
        }
    }

    /**
     * Once Vert.x has set the connection up (it tells HTTP/1 from HTTP/2 on the first bytes and only
     * then adds the HTTP/1 decoder, after whatever is last), places {@link SwapDecoder} last.
     */
    private final class MoveToTail extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.pipeline().remove(this);
            ctx.pipeline().addLast(new SwapDecoder());
            ctx.fireChannelActive();
        }
    }

    /** Sees the first bytes after Vert.x has added its decoder and before it has decoded any. */
    private final class SwapDecoder extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object read) {
            ChannelHandler decoder = ctx.pipeline().get(HTTP_DECODER);
            if (read instanceof ByteBuf && decoder instanceof VertxHttpRequestDecoder && options != null) {
                ctx.pipeline().replace(HTTP_DECODER, HTTP_DECODER, new StrictRequestDecoder(options));
            }
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(read);
        }
    }

    /** Vert.x' decoder, but keeping a Content-Length sent with chunked, and decoding nothing after a request that cannot be framed. */
    static final class StrictRequestDecoder extends VertxHttpRequestDecoder {

        private boolean refused;

        StrictRequestDecoder(HttpServerOptions options) {
            super(options);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            String contentLength = message.headers().get(HttpHeaderNames.CONTENT_LENGTH);
            super.handleTransferEncodingChunkedWithContentLength(message);
            message.headers().set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (refused) {
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
            int before = out.size();
            super.decode(ctx, buffer, out);
            for (int i = before; i < out.size(); i++) {
                if (out.get(i) instanceof HttpRequest request && refusal(request.headers()
                        .getAll(HttpHeaderNames.TRANSFER_ENCODING), request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) != null) {
                    refused = true;
                }
            }
        }
    }
}
