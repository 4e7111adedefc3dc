package cn.scenext.spring;

import java.io.InputStream;
import java.util.OptionalLong;
import java.util.function.Function;

import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookResponse;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The webhook route on WebFlux: the body's buffers are joined, at most as many bytes as the verifier accepts (a
 * {@code Content-Length} over it, or more bytes than it, is answered 413), with no codec in between. Every
 * response, refusals included, is the handler's, so that its observers see each delivery. The handler
 * runs on the bounded-elastic scheduler, since the listeners (the application's, a shared deduplicator) may
 * block.
 */
final class WebFluxWebhookEndpoint {
    private final WebhookHandler handler;
    private final int maxBodyBytes;

    private WebFluxWebhookEndpoint(WebhookHandler handler, int maxBodyBytes) {
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
    }

    static RouterFunction<ServerResponse> route(String path, WebhookHandler handler, int maxBodyBytes) {
        WebFluxWebhookEndpoint endpoint = new WebFluxWebhookEndpoint(handler, maxBodyBytes);
        return RouterFunctions.route().POST(WebhookPaths.check(path), endpoint::receive).build();
    }

    private Mono<ServerResponse> receive(ServerRequest request) {
        ServerRequest.Headers headers = request.headers();
        Function<String, String> header = headers::firstHeader;
        String signature = header.apply(WebhookHandler.SIGNATURE_HEADER);
        OptionalLong declared = headers.contentLength();
        if (signature == null || signature.trim().isEmpty()
                || (declared.isPresent() && declared.getAsLong() > maxBodyBytes)) {
            // Refused unread: the handler answers 400 for no signature, 413 for a declared length over its limit.
            return respond(handler.handle(header, InputStream.nullInputStream()));
        }
        return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), maxBodyBytes)
                .map(WebFluxWebhookEndpoint::bytes)
                .defaultIfEmpty(new byte[0])
                .publishOn(Schedulers.boundedElastic())
                .map(body -> handler.handle(signature, body))
                .onErrorResume(DataBufferLimitException.class, e -> Mono.fromCallable(() -> tooLarge(header)))
                .flatMap(WebFluxWebhookEndpoint::respond);
    }

    /** A body sent without a length and found longer than the limit: the handler's 413, as for a declared one. */
    private WebhookResponse tooLarge(Function<String, String> header) {
        String overLimit = String.valueOf(maxBodyBytes + 1L);
        return handler.handle(name -> "Content-Length".equalsIgnoreCase(name) ? overLimit : header.apply(name),
                InputStream.nullInputStream());
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static Mono<ServerResponse> respond(WebhookResponse response) {
        return ServerResponse.status(response.statusCode()).contentType(MediaType.TEXT_PLAIN)
                .bodyValue(response.message());
    }
}
