package cn.scenext.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void unwrapsEveryLayerOfCompletionAndExecutionExceptions() {
        IllegalStateException root = new IllegalStateException("root");

        Throwable wrapped = new CompletionException(new ExecutionException(new CompletionException(root)));

        assertThat(Futures.unwrap(wrapped)).isSameAs(root);
        assertThat(Futures.unwrap(root)).isSameAs(root);
    }

    @Test
    void aWrapperWithoutACauseIsKept() {
        CompletionException empty = new CompletionException("no cause", null);

        assertThat(Futures.unwrap(empty)).isSameAs(empty);
    }

    @Test
    void otherWrappersAreNotUnwrapped() {
        RuntimeException other = new RuntimeException(new IllegalStateException("inner"));

        assertThat(Futures.unwrap(other)).isSameAs(other);
    }
}
