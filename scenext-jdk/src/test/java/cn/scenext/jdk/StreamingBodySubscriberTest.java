package cn.scenext.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class StreamingBodySubscriberTest {

    /** Counts what the subscriber asks of the connection. */
    private static final class RecordingSubscription implements Flow.Subscription {
        long requested;
        int cancels;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancels++;
        }
    }

    private static StreamingBodySubscriber subscribedTo(RecordingSubscription subscription) {
        StreamingBodySubscriber body = new StreamingBodySubscriber(1_000, Long.MAX_VALUE, () -> new java.io.InterruptedIOException("unused"));
        body.onSubscribe(subscription);
        return body;
    }

    @Test
    void closingBeforeTheEndCancelsTheExchange() throws Exception {
        RecordingSubscription subscription = new RecordingSubscription();
        StreamingBodySubscriber body = subscribedTo(subscription);
        body.onNext(Collections.singletonList(ByteBuffer.wrap("{\"a\"".getBytes(StandardCharsets.UTF_8))));

        assertThat(body.read()).isEqualTo('{');
        body.close();
        assertThat(subscription.cancels).isEqualTo(1);
    }

    @Test
    void closingAfterTheEndLeavesTheFinishedExchangeAlone() throws Exception {
        RecordingSubscription subscription = new RecordingSubscription();
        StreamingBodySubscriber body = subscribedTo(subscription);
        body.onNext(Collections.singletonList(ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8))));
        body.onComplete();

        assertThat(body.read()).isEqualTo('o');
        assertThat(body.read()).isEqualTo('k');
        assertThat(body.read()).isEqualTo(-1);
        body.close();
        assertThat(subscription.cancels).isZero();
    }

    @Test
    void closingAfterAFailureLeavesTheFinishedExchangeAlone() {
        RecordingSubscription subscription = new RecordingSubscription();
        StreamingBodySubscriber body = subscribedTo(subscription);
        body.onError(new java.io.IOException("reset"));

        body.close();
        assertThat(subscription.cancels).isZero();
    }
}
