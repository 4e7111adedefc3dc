package cn.scenext.examples.readme;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.core.ScenextClient;
import cn.scenext.core.poll.WaitOptions;
import cn.scenext.core.webhook.WebhookHandler;
import cn.scenext.core.webhook.WebhookVerifier;
import java.time.Duration;

/**
 * What the README's snippets take from their surroundings: a snippet that uses {@code client}, {@code request},
 * {@code options}, {@code handler} or {@code apiKey} without declaring them (the prose says where they come from) is compiled as
 * a subclass of this, so they resolve here; a snippet that declares its own hides these. {@code tracer} and
 * {@code metrics} stand for the reader's own tracing and metrics. Built only in the child JVM that runs a
 * snippet, where {@code SCENEXT_API_KEY} and {@code SCENEXT_BASE_URL} point at the simulator.
 */
public abstract class ReadmeContext implements AutoCloseable {
    /** The API key, from the environment. */
    protected final String apiKey = System.getenv("SCENEXT_API_KEY");
    /** A client, from the environment. */
    protected final ScenextClient client = ScenextClient.fromEnv();
    /** A request, as built in the README's "A richer request". */
    protected final GenerateVideoRequest request = GenerateVideoRequest.ofQuestion("What is a Fourier series?");
    /** Wait options. */
    protected final WaitOptions options = WaitOptions.defaults();
    /** A webhook handler that ends the client's waits. */
    protected final WebhookHandler handler = client.webhooks().handler(WebhookVerifier.of(apiKey));
    /** The reader's tracer. */
    protected final Tracer tracer = () -> "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    /** The reader's metrics. */
    protected final Metrics metrics = name -> elapsed -> { };

    /** A tracer, as the README's interceptor uses one. */
    public interface Tracer {
        /**
         * The current trace's {@code traceparent} header.
         *
         * @return the header value
         */
        String currentTraceParent();
    }

    /** A metrics registry, as the README's interceptor uses one. */
    public interface Metrics {
        /**
         * A timer by name.
         *
         * @param name the timer's name
         * @return the timer
         */
        Timer timer(String name);

        /** A timer. */
        interface Timer {
            /**
             * Records one duration.
             *
             * @param elapsed the duration
             */
            void record(Duration elapsed);
        }
    }

    /**
     * Runs the snippet.
     *
     * @throws Exception whatever the snippet throws
     */
    public void run() throws Exception {
        throw new UnsupportedOperationException("This snippet is compiled, not run");
    }

    @Override
    public void close() {
        client.close();
    }
}
