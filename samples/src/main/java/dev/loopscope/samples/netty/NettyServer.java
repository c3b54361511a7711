package dev.loopscope.samples.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A small HTTP server on Netty's event loop: {@code workerThreads} loop threads serve every
 * connection. The handler gets the request path and returns a stage, so slow work can run
 * elsewhere and the loop is never held: it only parses, hands off and writes.
 *
 * <p>One answer per request, written when its stage completes: a client that pipelines requests on
 * one connection could get answers out of order (the JDK's HttpClient does not pipeline).
 *
 * <p>Its threads are Netty's ({@code multiThreadIoEventLoopGroup-N-M}), which the agent treats as
 * loop threads by default: a blocking call in a handler is a finding with no configuration.
 */
public final class NettyServer implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    public NettyServer(int workerThreads, Function<String, ? extends CompletionStage<String>> handler) throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(workerThreads, NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024), new Handler(handler));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sync()
                .channel();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort() + path);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        // No quiet period: the tests and the demo end right after their last request.
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Runs on the event loop: hands the path to the application's handler and writes what it answers. */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Function<String, ? extends CompletionStage<String>> handler;

        Handler(Function<String, ? extends CompletionStage<String>> handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess()) {
                write(ctx, false, HttpResponseStatus.BAD_REQUEST, "bad request: " + request.decoderResult().cause());
                return;
            }
            // Read before returning: SimpleChannelInboundHandler releases the request then.
            String path = request.uri();
            CompletionStage<String> answer;
            try {
                answer = handler.apply(path);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((body, failure) -> {
                if (failure == null && body != null) {
                    write(ctx, keepAlive, HttpResponseStatus.OK, body);
                } else {
                    write(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                            failure != null ? failure.toString() : "the handler answered nothing");
                }
            });
        }

        // Netty's writes are safe from any thread: off the loop they are queued onto it.
        private static void write(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
