package cn.scenext.core.poll;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A transport whose asynchronous calls never complete, and which keeps them to check their cancellation. */
final class HangingTransport implements Transport {
    private final List<CompletableFuture<HttpResponse>> calls = new ArrayList<>();

    synchronized List<CompletableFuture<HttpResponse>> calls() {
        return new ArrayList<>(calls);
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        throw new UnsupportedOperationException("asynchronous only");
    }

    @Override
    public synchronized CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        CompletableFuture<HttpResponse> f = new CompletableFuture<>();
        calls.add(f);
        return f;
    }

    @Override
    public String name() {
        return "hanging";
    }

    @Override
    public void close() {
    }
}
