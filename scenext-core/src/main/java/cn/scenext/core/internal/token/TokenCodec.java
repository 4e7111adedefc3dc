package cn.scenext.core.internal.token;

import cn.scenext.api.TaskId;
import cn.scenext.api.TaskState;
import cn.scenext.core.poll.InvalidWaitTokenException;
import cn.scenext.core.poll.InvalidWaitTokenException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * A wait token's text: base64url without padding of a small binary record.
 *
 * <p>Every format version starts with the same two fields, so that any version can tell a token made by a
 * newer SDK from a garbled one: one byte of <b>version</b>, then the <b>CRC-32</b> (4 bytes, big-endian) of
 * the version byte and everything after the checksum. Version 1 goes on with:
 * <ul>
 *   <li>one byte of flags: bits 0-1 how the task id is stored (0 UTF-8 text, 1 a lower-case UUID, 2 an
 *       upper-case UUID), bits 2-4 the last state seen (0 none, 1 {@code IN_PROGRESS}, 2 {@code COMPLETED},
 *       3 {@code FAILED}, 4 {@code UNKNOWN}), bits 5-7 zero;</li>
 *   <li>the task id: 16 bytes for a UUID, else its UTF-8 length (unsigned varint) and bytes;</li>
 *   <li>the deadline: epoch milliseconds, 8 bytes big-endian;</li>
 *   <li>the polls sent, then the frames reported: unsigned varints;</li>
 *   <li>when frames were reported, the 8-byte {@link FrameDigest} of their ids.</li>
 * </ul>
 * A UUID task id with 200 frames reported (and fewer than 16,384 polls) takes 42 bytes, 56 characters. The frames
 * cost only their count's varint (a byte per 7 bits) and the digest, whatever their ids; only a task id that is
 * not a UUID makes a token longer.
 */
public final class TokenCodec {
    /** The format version this SDK writes, and the newest it reads. */
    public static final int VERSION = 1;
    /** The longest text {@link #decode} reads: far beyond any token, so that a huge paste is refused cheaply. */
    static final int MAX_TEXT = 16 * 1024;
    private static final int HEADER = 5;
    private static final TaskState[] STATES = {null, TaskState.IN_PROGRESS, TaskState.COMPLETED, TaskState.FAILED,
        TaskState.UNKNOWN};
    private static final int ID_TEXT = 0;
    private static final int ID_UUID_LOWER = 1;
    private static final int ID_UUID_UPPER = 2;

    private TokenCodec() {
    }

    /**
     * A token's text.
     *
     * @param state what it holds
     * @return base64url without padding
     */
    public static String encode(TokenState state) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64);
        String id = state.taskId().value();
        UUID uuid = asUuid(id);
        int idKind = uuid == null ? ID_TEXT
                : id.equals(uuid.toString()) ? ID_UUID_LOWER : ID_UUID_UPPER;
        body.write(idKind | stateCode(state.lastState()) << 2);
        if (uuid != null) {
            writeLong(body, uuid.getMostSignificantBits());
            writeLong(body, uuid.getLeastSignificantBits());
        } else {
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            writeVarint(body, bytes.length);
            body.write(bytes, 0, bytes.length);
        }
        writeLong(body, state.deadlineMillis());
        writeVarint(body, state.polls());
        writeVarint(body, state.frames());
        if (state.frames() > 0) {
            writeLong(body, state.framesDigest());
        }
        byte[] b = body.toByteArray();
        ByteBuffer all = ByteBuffer.allocate(HEADER + b.length);
        all.put((byte) VERSION).putInt(0).put(b);
        all.putInt(1, checksum(all.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all.array());
    }

    /**
     * Reads a token's text; white space around it is ignored.
     *
     * @param text the text, as {@link #encode} wrote it
     * @return what it holds
     * @throws InvalidWaitTokenException typed by what is wrong with it; its message never repeats the text
     */
    public static TokenState decode(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        String t = text.trim();
        if (t.isEmpty()) {
            throw new InvalidWaitTokenException(Reason.EMPTY, "A wait token cannot be empty: give the text of "
                    + "WaitToken.asString().");
        }
        if (t.length() > MAX_TEXT) {
            throw malformed("it is " + t.length() + " characters long, far more than any token");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                throw malformed("character " + (i + 1) + " of " + t.length() + " is not one of base64url "
                        + "(A-Z a-z 0-9 - _)");
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw malformed("its " + t.length() + " characters are not a whole base64url text (cut short?)");
        }
        if (bytes.length < HEADER + 1) {
            throw malformed("it is " + t.length() + " characters long, shorter than any token (cut short?)");
        }
        int version = bytes[0] & 0xff;
        // A last character whose unused bits are not zero decodes as if they were: a mistyped character too.
        boolean canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(t);
        if (!canonical || checksum(bytes) != ByteBuffer.wrap(bytes, 1, 4).getInt()) {
            throw new InvalidWaitTokenException(Reason.CHECKSUM, "This wait token's checksum does not match (its "
                    + t.length() + " characters were changed, cut short or extended): copy the token again, "
                    + "exactly as WaitToken.asString() gave it.");
        }
        if (version > VERSION) {
            throw new InvalidWaitTokenException(Reason.NEWER_VERSION, "This wait token was made by a newer SDK "
                    + "(token format version " + version + "; this SDK reads up to version " + VERSION + "): "
                    + "upgrade scenext-java to resume it.");
        }
        if (version == 0) {
            throw malformed("its format version is 0, which no SDK writes");
        }
        try {
            return readV1(ByteBuffer.wrap(bytes, HEADER, bytes.length - HEADER));
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | CharacterCodingException e) {
            throw malformed("its contents do not decode");
        }
    }

    private static TokenState readV1(ByteBuffer in) throws CharacterCodingException {
        int flags = in.get() & 0xff;
        int idKind = flags & 0x3;
        int stateCode = (flags >>> 2) & 0x7;
        if ((flags & 0xe0) != 0 || idKind > ID_UUID_UPPER || stateCode >= STATES.length) {
            throw new IllegalArgumentException("flags");
        }
        String id;
        if (idKind == ID_TEXT) {
            int n = readVarint(in);
            if (n > in.remaining()) {
                throw new IllegalArgumentException("id length");
            }
            ByteBuffer slice = in.slice();
            slice.limit(n);
            id = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
            in.position(in.position() + n);
        } else {
            String lower = new UUID(in.getLong(), in.getLong()).toString();
            id = idKind == ID_UUID_LOWER ? lower : lower.toUpperCase(Locale.ROOT);
        }
        long deadline = in.getLong();
        int polls = readVarint(in);
        int frames = readVarint(in);
        long digest = frames > 0 ? in.getLong() : FrameDigest.EMPTY;
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return new TokenState(TaskId.of(id), deadline, polls, STATES[stateCode], frames, digest);
    }

    /** The CRC-32 of the version byte and the body after the checksum. */
    private static int checksum(byte[] token) {
        CRC32 crc = new CRC32();
        crc.update(token, 0, 1);
        crc.update(token, HEADER, token.length - HEADER);
        return (int) crc.getValue();
    }

    private static InvalidWaitTokenException malformed(String why) {
        return new InvalidWaitTokenException(Reason.MALFORMED, "This is not a wait token: " + why + ". Give the "
                + "text of WaitToken.asString(), exactly as it was.");
    }

    /** The id as a UUID when it is one written canonically (all lower or all upper case), else {@code null}. */
    private static UUID asUuid(String id) {
        if (id.length() != 36) {
            return null;
        }
        try {
            UUID u = UUID.fromString(id);
            String lower = u.toString();
            return id.equals(lower) || id.equals(lower.toUpperCase(Locale.ROOT)) ? u : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int stateCode(TaskState state) {
        for (int i = 1; i < STATES.length; i++) {
            if (STATES[i] == state) {
                return i;
            }
        }
        return 0;
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xff);
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, int v) {
        int x = v;
        while ((x & ~0x7f) != 0) {
            out.write((x & 0x7f) | 0x80);
            x >>>= 7;
        }
        out.write(x);
    }

    /** An unsigned varint of at most 5 bytes that fits a non-negative {@code int}. */
    private static int readVarint(ByteBuffer in) {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.get() & 0xff;
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (result < 0 || (shift == 28 && b > 0x07)) {
                    throw new IllegalArgumentException("varint range");
                }
                return result;
            }
        }
        throw new IllegalArgumentException("varint length");
    }
}
