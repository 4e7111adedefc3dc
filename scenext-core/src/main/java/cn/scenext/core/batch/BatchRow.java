package cn.scenext.core.batch;

import cn.scenext.api.GenerateVideoRequest;
import cn.scenext.api.exception.InvalidValueException;
import java.util.Objects;

/**
 * One row of a batch: a reference, unique in the batch (and the name of its creation in the client's
 * {@link cn.scenext.core.journal.TaskJournal}), and the request to make a video of. Immutable.
 *
 * <pre>{@code
 * BatchRow row = BatchRow.of("3", GenerateVideoRequest.ofQuestion("What is a Fourier series?"));
 * }</pre>
 */
public final class BatchRow {
    /** The longest reference, in characters (the journal's limit, less room for a re-creation's suffix). */
    public static final int MAX_REFERENCE_LENGTH = 180;

    private final String reference;
    private final GenerateVideoRequest request;

    private BatchRow(String reference, GenerateVideoRequest request) {
        this.reference = reference;
        this.request = request;
    }

    /**
     * A row.
     *
     * @param reference the row's name, unique in the batch: 1 to {@value #MAX_REFERENCE_LENGTH} characters, no
     *     control character and no {@code #} (which names a row's re-creations, e.g. {@code 3#2})
     * @param request what to make a video of
     * @return the row
     * @throws InvalidValueException when the reference is empty, too long, or holds a control character or
     *     {@code #}
     */
    public static BatchRow of(String reference, GenerateVideoRequest request) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(request, "request");
        if (reference.isEmpty() || reference.length() > MAX_REFERENCE_LENGTH) {
            throw new InvalidValueException("reference", "A batch row's reference has 1 to "
                    + MAX_REFERENCE_LENGTH + " characters, got " + reference.length() + ".");
        }
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (Character.isISOControl(c) || c == '#') {
                throw new InvalidValueException("reference", "A batch row's reference holds no control character "
                        + "and no '#' (which names re-creations); found one at position " + i + ".");
            }
        }
        return new BatchRow(reference, request);
    }

    /**
     * The row's reference.
     *
     * @return the reference, unique in the batch
     */
    public String reference() {
        return reference;
    }

    /**
     * What to make a video of.
     *
     * @return the request
     */
    public GenerateVideoRequest request() {
        return request;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BatchRow)) {
            return false;
        }
        BatchRow r = (BatchRow) o;
        return reference.equals(r.reference) && request.equals(r.request);
    }

    @Override
    public int hashCode() {
        return reference.hashCode() * 31 + request.hashCode();
    }

    @Override
    public String toString() {
        return "BatchRow{" + reference + '}';
    }
}
