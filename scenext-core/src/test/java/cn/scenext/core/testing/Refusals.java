package cn.scenext.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.scenext.api.exception.InvalidValueException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The one assertion of the tests of options types: a value refused where it was given, naming its setting. */
public final class Refusals {
    private Refusals() {
    }

    /**
     * Asserts that the call throws an {@link InvalidValueException}, an {@link IllegalArgumentException}, whose
     * {@code field()} is the given one.
     *
     * @param setter the call that gives the bad value
     * @param field the setting it must name
     * @return the assertion on the exception, for more
     */
    public static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ThrowingCallable setter,
            String field) {
        return assertThatThrownBy(setter).isInstanceOf(InvalidValueException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(field));
    }
}
