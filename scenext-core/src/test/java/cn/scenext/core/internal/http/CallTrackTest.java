package cn.scenext.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.scenext.api.exception.ErrorDetails;
import cn.scenext.api.exception.ScenextException;
import cn.scenext.api.exception.ServerException;
import cn.scenext.api.exception.TransportException;
import cn.scenext.core.Attempt;
import cn.scenext.core.Interceptor;
import cn.scenext.core.RetryPolicy;
import cn.scenext.core.testing.InMemoryTransport;
import cn.scenext.core.testing.RecordingScheduler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One call across its attempts: counted in flight until its one end, its attempts' and its end told. */
class CallTrackTest {
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final List<Attempt> attemptEnds = Collections.synchronizedList(new ArrayList<>());
    private final List<Attempt> callEnds = Collections.synchronizedList(new ArrayList<>());
    private final HttpPipeline pipeline = new HttpPipeline(new InMemoryTransport(), Calls.BASE, Calls.KEY, "ua",
            Collections.<Interceptor>singletonList(new Interceptor() {
                @Override
                public void onAttemptEnd(Attempt attempt) {
                    attemptEnds.add(attempt);
                }

                @Override
                public void onCallEnd(Attempt lastAttempt) {
                    callEnds.add(lastAttempt);
                }
            }), RetryPolicy.defaults(), scheduler, Clock.systemUTC());

    @AfterEach
    void close() {
        pipeline.close();
        scheduler.close();
    }

    @Test
    void aCallCountsInFlightUntilItsFirstEndOnly() {
        CallTrack track = pipeline.track(Calls.read(), scheduler.nanoTime());
        CallTrack other = pipeline.track(Calls.create(), scheduler.nanoTime());
        assertThat(pipeline.callsInFlight()).isEqualTo(2);

        track.end(null);
        track.end(new ServerException("late", ErrorDetails.none()));

        assertThat(pipeline.callsInFlight()).isEqualTo(1);
        assertThat(callEnds).hasSize(1);
        assertThat(callEnds.get(0).failure()).isEmpty();
        other.end(null);
        assertThat(pipeline.callsInFlight()).isZero();
    }

    @Test
    void eachDecodedAttemptIsToldWithItsResultAndTheEndCarriesTheLastOne() {
        CallTrack track = pipeline.track(Calls.read(), scheduler.nanoTime());
        ServerException unavailable = new ServerException("HTTP 503", ErrorDetails.none());
        Attempt first = track.start(1);
        track.responded(first.endedAt(scheduler.nanoTime()));
        track.decoded(503, unavailable);
        track.responded(track.start(2).endedAt(scheduler.nanoTime()));
        track.decoded(200, null);
        track.end(null);

        assertThat(attemptEnds).extracting(a -> a.number() + " " + a.statusCode().getAsInt() + " "
                + a.failure().isPresent()).containsExactly("1 503 true", "2 200 false");
        assertThat(attemptEnds.get(0).failure()).containsSame(unavailable);
        assertThat(attemptEnds).extracting(Attempt::transport).containsOnly("in-memory");
        Attempt end = callEnds.get(0);
        assertThat(end.callId()).isEqualTo(first.callId());
        assertThat(end.number()).isEqualTo(2);
        assertThat(end.statusCode().getAsInt()).isEqualTo(200);
        assertThat(end.failure()).isEmpty();
    }

    @Test
    void aCallEndedBeforeItsFirstAttemptHasNumberZeroAndNoStatus() {
        CallTrack track = pipeline.track(Calls.read(), scheduler.nanoTime());
        ScenextException closed = HttpPipeline.closedException();

        track.end(new CompletionException(closed));

        assertThat(callEnds.get(0).number()).isZero();
        assertThat(callEnds.get(0).statusCode()).isEmpty();
        assertThat(callEnds.get(0).failure()).containsSame(closed);
    }

    @Test
    void aCancelEndsTheCallAsCancelledAndAForeignFailureIsTypedWithTheKeyRedacted() {
        pipeline.track(Calls.read(), scheduler.nanoTime()).end(new CancellationException());
        pipeline.track(Calls.read(), scheduler.nanoTime()).end(new IllegalStateException("bad " + Calls.KEY));

        ScenextException cancelled = callEnds.get(0).failure().get();
        assertThat(cancelled).isInstanceOf(TransportException.class);
        assertThat(((TransportException) cancelled).reason()).isEqualTo(TransportException.Reason.CANCELLED);
        ScenextException foreign = callEnds.get(1).failure().get();
        assertThat(foreign).isExactlyInstanceOf(ScenextException.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(foreign.getMessage()).contains("get_status").doesNotContain(Calls.KEY);
    }
}
