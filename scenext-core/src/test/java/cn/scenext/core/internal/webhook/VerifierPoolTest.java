package cn.scenext.core.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The pool's one spare output buffer: a large body's buffer is kept for the next large body (which then neither
 * allocates nor zeroes its output again), never more than one of them and never one above the bound, and a small
 * body does not take it.
 */
class VerifierPoolTest {
    private static final int LARGE = 256 * 1024;

    private static VerifierPool pool() {
        return new VerifierPool(HmacKeys.of(Collections.singletonList("whsec_test")));
    }

    /** A JSON array of about {@code bytes} bytes. */
    private static byte[] array(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 16).append('[');
        while (sb.length() < bytes) {
            sb.append(sb.length() == 1 ? "" : ", ").append("0.1");
        }
        return sb.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A worker that canonicalized a body of {@code bytes} bytes, its output buffer grown for it. */
    private static VerifierPool.Worker used(VerifierPool pool, int bytes) {
        VerifierPool.Worker w = pool.acquire(bytes);
        w.writer.canonicalize(array(bytes), null);
        return w;
    }

    @Test
    void aLargeBodysBufferIsReusedByTheNextLargeBody() {
        VerifierPool pool = pool();
        VerifierPool.Worker first = used(pool, LARGE);
        byte[] grown = first.writer.out.buf;
        assertThat(grown.length).isGreaterThan(LARGE);
        pool.release(first);
        assertThat(first.writer.out.buf.length).isLessThan(LARGE); // the worker itself holds a small one again

        VerifierPool.Worker next = pool.acquire(LARGE);
        assertThat(next.writer.out.buf).isSameAs(grown);
        next.writer.canonicalize(array(LARGE), null);
        assertThat(next.writer.out.buf).isSameAs(grown); // no regrowth
        assertThat(new String(next.writer.out.buf, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("[0.1, 0.");
        pool.release(next);
    }

    @Test
    void aSmallBodyLeavesTheSpareForALargeOne() {
        VerifierPool pool = pool();
        VerifierPool.Worker large = used(pool, LARGE);
        byte[] grown = large.writer.out.buf;
        pool.release(large);

        VerifierPool.Worker small = pool.acquire(100);
        assertThat(small.writer.out.buf.length).isLessThan(LARGE);
        small.writer.canonicalize(array(100), null);
        pool.release(small);
        assertThat(pool.acquire(LARGE).writer.out.buf).isSameAs(grown);
    }

    @Test
    void theWholePoolKeepsOneSpareAndNoneAboveTheBound() {
        VerifierPool pool = pool();
        VerifierPool.Worker a = used(pool, LARGE);
        VerifierPool.Worker b = used(pool, LARGE);
        pool.release(a);
        pool.release(b); // a's buffer is the spare already: b's is let go
        VerifierPool.Worker c = pool.acquire(LARGE);
        VerifierPool.Worker d = pool.acquire(LARGE);
        assertThat(c.writer.out.buf.length).isGreaterThan(LARGE);
        assertThat(d.writer.out.buf.length).isLessThan(LARGE);
        pool.release(c);
        pool.release(d);

        VerifierPool bounded = pool();
        VerifierPool.Worker huge = used(bounded, VerifierPool.MAX_SPARE_BYTES);
        assertThat(huge.writer.out.buf.length).isGreaterThan(VerifierPool.MAX_SPARE_BYTES);
        bounded.release(huge);
        assertThat(bounded.acquire(LARGE).writer.out.buf.length).isLessThan(LARGE);
    }
}
