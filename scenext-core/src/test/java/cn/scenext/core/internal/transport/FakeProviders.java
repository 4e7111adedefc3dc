package cn.scenext.core.internal.transport;

import cn.scenext.api.transport.HttpRequest;
import cn.scenext.api.transport.HttpResponse;
import cn.scenext.api.transport.HttpHeaders;
import cn.scenext.api.transport.ResponseBody;
import cn.scenext.api.transport.Transport;
import cn.scenext.api.transport.TransportOptions;
import cn.scenext.api.transport.TransportProvider;
import java.util.concurrent.CompletableFuture;

/** Transport providers that exist only in tests, each with a name and a priority. */
public final class FakeProviders {
    private FakeProviders() {
    }

    /** A provider of {@link NamedTransport}s. */
    public abstract static class Fake implements TransportProvider {
        private final String name;
        private final int priority;

        Fake(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Transport create(TransportOptions options) {
            return new NamedTransport(name);
        }

        @Override
        public String toString() {
            return name + "(" + priority + ")";
        }
    }

    /** "alpha", priority 5. */
    public static final class Alpha extends Fake {
        /** For {@link java.util.ServiceLoader}. */
        public Alpha() {
            super("alpha", 5);
        }
    }

    /** "beta", priority 50. */
    public static final class Beta extends Fake {
        /** For {@link java.util.ServiceLoader}. */
        public Beta() {
            super("beta", 50);
        }
    }

    /** "gamma", priority 20. */
    public static final class Gamma extends Fake {
        /** For {@link java.util.ServiceLoader}. */
        public Gamma() {
            super("gamma", 20);
        }
    }

    /** A transport that answers every request with 204 and remembers whether it was closed. */
    public static final class NamedTransport implements Transport {
        private final String name;
        private volatile boolean closed;

        public NamedTransport(String name) {
            this.name = name;
        }

        @Override
        public HttpResponse execute(HttpRequest request) {
            return HttpResponse.of(204, HttpHeaders.empty(), ResponseBody.empty());
        }

        @Override
        public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
            return CompletableFuture.completedFuture(execute(request));
        }

        @Override
        public String name() {
            return name;
        }

        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
