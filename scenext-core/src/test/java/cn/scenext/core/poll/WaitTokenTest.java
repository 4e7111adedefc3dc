package cn.scenext.core.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.api.exception.InvalidValueException;
import cn.scenext.core.internal.token.FrameDigest;
import cn.scenext.core.internal.token.TokenState;
import cn.scenext.core.internal.token.WaitTokens;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** {@link WaitToken}: its text round trip, its size, and every way a text is refused. */
class WaitTokenTest {
    private static final TaskId UUID_ID = TaskId.of("3f2a9c4e-8b1d-4e6f-9a7b-2c5d8e0f1a3b");
    private static final Instant DEADLINE = Instant.parse("2030-01-01T01:00:00.123Z");

    private static WaitToken token(TaskId id, int polls, TaskState last, int frames) {
        long digest = FrameDigest.EMPTY;
        for (int i = 1; i <= frames; i++) {
            digest = FrameDigest.extend(digest, "frame" + i);
        }
        return WaitTokens.token(new TokenState(id, DEADLINE, polls, last, frames, digest));
    }

    @Test
    void roundTripsEveryFieldForEveryKindOfTaskIdAndState() {
        TaskId[] ids = {UUID_ID, TaskId.of(UUID_ID.value().toUpperCase()), TaskId.of("task-42"),
            TaskId.of("タスク/é?#&"), TaskId.of("3F2A9C4E-8b1d-4e6f-9a7b-2c5d8e0f1a3b")};
        TaskState[] states = {null, TaskState.IN_PROGRESS, TaskState.COMPLETED, TaskState.FAILED, TaskState.UNKNOWN};
        for (TaskId id : ids) {
            for (TaskState state : states) {
                for (int[] counts : new int[][] {{0, 0}, {1, 0}, {7, 3}, {300, 200}, {Integer.MAX_VALUE, 127}}) {
                    WaitToken t = token(id, counts[0], state, counts[1]);
                    WaitToken back = WaitToken.parse(t.asString());

                    assertThat(back).isEqualTo(t).hasSameHashCodeAs(t);
                    assertThat(back.taskId().value()).isEqualTo(id.value());
                    assertThat(back.deadline()).isEqualTo(DEADLINE);
                    assertThat(back.pollsDone()).isEqualTo(counts[0]);
                    assertThat(back.framesReported()).isEqualTo(counts[1]);
                    assertThat(back.lastState()).isEqualTo(java.util.Optional.ofNullable(state));
                    assertThat(back.asString()).isEqualTo(t.asString());
                }
            }
        }
    }

    @Test
    void aFreshTokenKeepsTheDeadlineToTheMillisecondAndHasSeenNothing() {
        WaitToken t = WaitToken.of(UUID_ID, Instant.parse("2030-01-01T00:00:00.123456789Z"));

        assertThat(t.deadline()).isEqualTo(Instant.parse("2030-01-01T00:00:00.123Z"));
        assertThat(t.pollsDone()).isZero();
        assertThat(t.framesReported()).isZero();
        assertThat(t.lastState()).isEmpty();
        assertThat(WaitToken.parse(t.asString())).isEqualTo(t);
        assertThat(WaitToken.parse(WaitToken.of(UUID_ID, Instant.MAX).asString()).deadline())
                .isEqualTo(Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    @Test
    void isUrlSafeAndBoundedWhateverTheNumberOfFrames() {
        WaitToken none = token(UUID_ID, 0, null, 0);
        WaitToken many = token(UUID_ID, 250, TaskState.IN_PROGRESS, 200);

        assertThat(many.asString()).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(60);
        assertThat(none.asString()).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(60);
        assertThat(token(UUID_ID, 250, TaskState.IN_PROGRESS, 100_000).asString())
                .hasSizeLessThanOrEqualTo(60);
        assertThat(token(TaskId.of("task-42"), 250, TaskState.IN_PROGRESS, 200).asString())
                .hasSizeLessThanOrEqualTo(48);
    }

    @Test
    void refusesAnEmptyOrBlankTextAsEmpty() {
        for (String text : new String[] {"", "   ", "\n\t"}) {
            InvalidWaitTokenException e = catchThrowableOfType(InvalidWaitTokenException.class,
                    () -> WaitToken.parse(text));
            assertThat(e.reason()).isEqualTo(InvalidWaitTokenException.Reason.EMPTY);
            assertThat(e.field()).isEqualTo("token");
            assertThat(e).isInstanceOf(InvalidValueException.class).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> WaitToken.parse(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("text");
    }

    @Test
    void toleratesWhiteSpaceAroundTheText() {
        WaitToken t = token(UUID_ID, 3, TaskState.IN_PROGRESS, 2);

        assertThat(WaitToken.parse("  " + t.asString() + "\n")).isEqualTo(t);
    }

    @Test
    void refusesGarbledTextAsMalformedWithoutRepeatingIt() {
        String good = token(UUID_ID, 3, TaskState.IN_PROGRESS, 2).asString();
        for (String bad : new String[] {good.substring(0, 10) + "+" + good.substring(11), good + "=", "a b",
            good.substring(0, 5) + "." + good.substring(6), "A", "AAAA", good.substring(0, 13)}) {
            InvalidWaitTokenException e = catchThrowableOfType(InvalidWaitTokenException.class,
                    () -> WaitToken.parse(bad));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.reason()).as(bad).isIn(InvalidWaitTokenException.Reason.MALFORMED,
                    InvalidWaitTokenException.Reason.CHECKSUM);
            assertThat(e.getMessage()).doesNotContain(good.substring(3, 20));
        }
        assertThat(catchThrowableOfType(InvalidWaitTokenException.class,
                () -> WaitToken.parse(good.substring(0, 10) + "+" + good.substring(11))).reason())
                .isEqualTo(InvalidWaitTokenException.Reason.MALFORMED);
    }

    @Test
    void refusesEveryMistypedOrDroppedOrAddedCharacterByItsChecksum() {
        String good = token(UUID_ID, 12, TaskState.IN_PROGRESS, 9).asString();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < good.length(); i++) {
            for (int k = 0; k < alphabet.length(); k += 7) {
                char c = alphabet.charAt(k) == good.charAt(i) ? alphabet.charAt((k + 1) % 64) : alphabet.charAt(k);
                String typo = good.substring(0, i) + c + good.substring(i + 1);
                assertRefused(typo);
            }
            assertRefused(good.substring(0, i) + good.substring(i + 1));
            assertRefused(good.substring(0, i) + "Q" + good.substring(i));
        }
    }

    private static void assertRefused(String text) {
        InvalidWaitTokenException e = catchThrowableOfType(InvalidWaitTokenException.class,
                () -> WaitToken.parse(text));
        assertThat(e).as(text).isNotNull();
        assertThat(e.reason()).as(text).isIn(InvalidWaitTokenException.Reason.CHECKSUM,
                InvalidWaitTokenException.Reason.MALFORMED);
    }

    @Test
    void aMistypedTokenOfTheRightLengthIsACHECKSUMRefusal() {
        String good = token(UUID_ID, 12, TaskState.IN_PROGRESS, 9).asString();
        String typo = good.substring(0, 20) + (good.charAt(20) == 'x' ? 'y' : 'x') + good.substring(21);

        InvalidWaitTokenException e = catchThrowableOfType(InvalidWaitTokenException.class,
                () -> WaitToken.parse(typo));

        assertThat(e.reason()).isEqualTo(InvalidWaitTokenException.Reason.CHECKSUM);
        assertThat(e.getMessage()).contains("checksum").doesNotContain(typo);
    }

    @Test
    void refusesAnIntactTokenOfANewerFormatAskingForAnUpgrade() {
        String newer = withChecksum(new byte[] {2, 0, 0, 0, 0, 9, 9, 9});

        InvalidWaitTokenException e = catchThrowableOfType(InvalidWaitTokenException.class,
                () -> WaitToken.parse(newer));

        assertThat(e.reason()).isEqualTo(InvalidWaitTokenException.Reason.NEWER_VERSION);
        assertThat(e.getMessage()).contains("newer SDK").contains("version 2").contains("upgrade");
    }

    @Test
    void refusesAnIntactRecordThatDoesNotDecode() {
        byte[] good = Base64.getUrlDecoder().decode(token(UUID_ID, 3, TaskState.IN_PROGRESS, 2).asString());
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        byte[] cut = Arrays.copyOf(good, good.length - 3);
        byte[] versionZero = good.clone();
        versionZero[0] = 0;
        byte[] badFlags = good.clone();
        badFlags[5] = (byte) 0xff;
        for (byte[] bad : new byte[][] {trailing, cut, versionZero, badFlags}) {
            InvalidWaitTokenException e = catchThrowableOfType(InvalidWaitTokenException.class,
                    () -> WaitToken.parse(withChecksum(bad)));
            assertThat(e.reason()).isEqualTo(InvalidWaitTokenException.Reason.MALFORMED);
        }
    }

    @Test
    void refusesRandomTextWithTheTypedExceptionOnly() {
        Random random = new Random(13);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int n = 0; n < 5000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(80);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(random.nextInt(64)));
            }
            try {
                WaitToken.parse(b.toString());
            } catch (InvalidWaitTokenException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(catchThrowableOfType(InvalidWaitTokenException.class,
                () -> WaitToken.parse(new String(new char[20_000]).replace('\0', 'A'))).reason())
                .isEqualTo(InvalidWaitTokenException.Reason.MALFORMED);
    }

    @Test
    void saysWhatItHoldsAndNothingElse() {
        assertThat(token(UUID_ID, 4, TaskState.IN_PROGRESS, 3).toString()).isEqualTo("WaitToken{task "
                + UUID_ID + ", deadline 2030-01-01T01:00:00.123Z, polls 4, last IN_PROGRESS, frames 3}");
    }

    /** The bytes as a token's text, with the checksum (bytes 1 to 4) of the version byte and the body set. */
    private static String withChecksum(byte[] record) {
        byte[] b = record.clone();
        CRC32 crc = new CRC32();
        crc.update(b, 0, 1);
        crc.update(b, 5, b.length - 5);
        ByteBuffer.wrap(b).putInt(1, (int) crc.getValue());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
