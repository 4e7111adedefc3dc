package cn.scenext.api;

import cn.scenext.api.exception.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to make a video of: a question as text and/or images, optionally a reference answer that makes the
 * explanation accurate, the quality, and a URL to notify when the task ends. Immutable; an instance is
 * always valid, because {@link Builder#build()} checks every field before anything can be sent.
 *
 * <pre>{@code
 * GenerateVideoRequest request = GenerateVideoRequest.builder()
 *         .question("What is a Fourier series?")
 *         .answer("A sum of sines and cosines that represents a periodic function.")
 *         .quality(Quality.HIGH)
 *         .notifyUrl("https://example.com/scenext/webhook")
 *         .build();
 * }</pre>
 */
public final class GenerateVideoRequest {
    private final String question;
    private final List<Image> questionImages;
    private final String answer;
    private final List<Image> answerImages;
    private final Quality quality;
    private final URI notifyUrl;
    private final long maxInlineImageBytes;

    /**
     * The most image data one request sends inline by default, all question and answer images together
     * (decoded bytes): 20 MiB, about 27 MiB of base64 in the one JSON body. See
     * {@link Builder#maxInlineImageBytes(long)}.
     */
    public static final long DEFAULT_MAX_INLINE_IMAGE_BYTES = 20L * 1024 * 1024;

    private GenerateVideoRequest(Builder b) {
        this.question = b.question;
        this.questionImages = immutable(b.questionImages);
        this.answer = b.answer;
        this.answerImages = immutable(b.answerImages);
        this.quality = b.quality;
        this.notifyUrl = b.notifyUrl;
        this.maxInlineImageBytes = b.maxInlineImageBytes;
    }

    private static List<Image> immutable(List<Image> list) {
        return list.isEmpty() ? Collections.<Image>emptyList() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /**
     * Starts a request.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A request for a text question, with every other field at its default.
     *
     * @param question the question
     * @return the request
     * @throws InvalidValueException when the question is blank
     */
    public static GenerateVideoRequest ofQuestion(String question) {
        return builder().question(question).build();
    }

    /**
     * A builder holding this request's values, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.question = question;
        b.questionImages.addAll(questionImages);
        b.answer = answer;
        b.answerImages.addAll(answerImages);
        b.quality = quality;
        b.notifyUrl = notifyUrl;
        b.maxInlineImageBytes = maxInlineImageBytes;
        return b;
    }

    /**
     * The question's text.
     *
     * @return the text, or empty when the question is given as images only
     */
    public Optional<String> question() {
        return Optional.ofNullable(question);
    }

    /**
     * The question given as images.
     *
     * @return the images; may be empty
     */
    public List<Image> questionImages() {
        return questionImages;
    }

    /**
     * The reference answer's text.
     *
     * @return the text, or empty
     */
    public Optional<String> answer() {
        return Optional.ofNullable(answer);
    }

    /**
     * The reference answer given as images.
     *
     * @return the images; may be empty
     */
    public List<Image> answerImages() {
        return answerImages;
    }

    /**
     * The video's quality.
     *
     * @return the quality; {@link Quality#MEDIUM} unless set
     */
    public Quality quality() {
        return quality;
    }

    /**
     * The URL the service calls when the task ends.
     *
     * @return the absolute http(s) URL, or empty
     */
    public Optional<URI> notifyUrl() {
        return Optional.ofNullable(notifyUrl);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GenerateVideoRequest)) {
            return false;
        }
        GenerateVideoRequest that = (GenerateVideoRequest) o;
        return Objects.equals(question, that.question)
                && questionImages.equals(that.questionImages)
                && Objects.equals(answer, that.answer)
                && answerImages.equals(that.answerImages)
                && quality == that.quality
                && Objects.equals(notifyUrl, that.notifyUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(question, questionImages, answer, answerImages, quality, notifyUrl);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GenerateVideoRequest{");
        if (question != null) {
            sb.append("question=\"").append(Strings.abbreviate(question, 80)).append("\", ");
        }
        if (!questionImages.isEmpty()) {
            sb.append("questionImages=").append(questionImages).append(", ");
        }
        if (answer != null) {
            sb.append("answer=\"").append(Strings.abbreviate(answer, 80)).append("\", ");
        }
        if (!answerImages.isEmpty()) {
            sb.append("answerImages=").append(answerImages).append(", ");
        }
        sb.append("quality=").append(quality);
        if (notifyUrl != null) {
            sb.append(", notifyUrl=").append(notifyUrl);
        }
        return sb.append('}').toString();
    }

    /** Builds a {@link GenerateVideoRequest}; {@link #build()} validates every field. Not thread-safe. */
    public static final class Builder {
        private String question;
        private final List<Image> questionImages = new ArrayList<>();
        private String answer;
        private final List<Image> answerImages = new ArrayList<>();
        private Quality quality = Quality.MEDIUM;
        private URI notifyUrl;
        private long maxInlineImageBytes = DEFAULT_MAX_INLINE_IMAGE_BYTES;

        private Builder() {
        }

        /**
         * Sets the question's text.
         *
         * @param question the text; {@code null} to clear it (then give question images)
         * @return this builder
         */
        public Builder question(String question) {
            this.question = question;
            return this;
        }

        /**
         * Adds an image of the question.
         *
         * @param image the image
         * @return this builder
         */
        public Builder addQuestionImage(Image image) {
            questionImages.add(requireImage(image, "questionImages"));
            return this;
        }

        /**
         * Replaces the images of the question.
         *
         * @param images the images, in order
         * @return this builder
         */
        public Builder questionImages(Collection<Image> images) {
            Objects.requireNonNull(images, "images");
            questionImages.clear();
            for (Image i : images) {
                addQuestionImage(i);
            }
            return this;
        }

        /**
         * Sets the reference answer's text, which makes the explanation accurate.
         *
         * @param answer the text, or {@code null} for none
         * @return this builder
         */
        public Builder answer(String answer) {
            this.answer = answer;
            return this;
        }

        /**
         * Adds an image of the reference answer.
         *
         * @param image the image
         * @return this builder
         */
        public Builder addAnswerImage(Image image) {
            answerImages.add(requireImage(image, "answerImages"));
            return this;
        }

        /**
         * Replaces the images of the reference answer.
         *
         * @param images the images, in order
         * @return this builder
         */
        public Builder answerImages(Collection<Image> images) {
            Objects.requireNonNull(images, "images");
            answerImages.clear();
            for (Image i : images) {
                addAnswerImage(i);
            }
            return this;
        }

        /**
         * Sets the video's quality.
         *
         * @param quality the quality (default {@link Quality#MEDIUM})
         * @return this builder
         */
        public Builder quality(Quality quality) {
            if (quality == null) {
                throw new InvalidValueException("quality", "quality must be HIGH, MEDIUM or LOW, got null.");
            }
            this.quality = quality;
            return this;
        }

        /**
         * Sets the video's quality by its code.
         *
         * @param code {@code h}, {@code m} or {@code l} (or {@code high}, {@code medium}, {@code low})
         * @return this builder
         * @throws InvalidValueException when the code is none of these
         */
        public Builder quality(String code) {
            return quality(Quality.fromCode(code));
        }

        /**
         * Sets the URL the service calls with a signed event when the task ends.
         *
         * @param notifyUrl an absolute http(s) URL, or {@code null} for none
         * @return this builder
         * @throws InvalidValueException when the URL is not absolute http(s)
         */
        public Builder notifyUrl(String notifyUrl) {
            if (notifyUrl == null) {
                this.notifyUrl = null;
                return this;
            }
            try {
                return notifyUrl(new URI(notifyUrl.trim()));
            } catch (URISyntaxException e) {
                throw new InvalidValueException("notifyUrl", "notifyUrl is not a valid URL: \""
                        + Strings.abbreviate(notifyUrl, 200) + "\" (" + e.getReason() + ").");
            }
        }

        /**
         * Sets the URL the service calls with a signed event when the task ends.
         *
         * @param notifyUrl an absolute http(s) URL, or {@code null} for none
         * @return this builder
         * @throws InvalidValueException when the URL is not absolute http(s)
         */
        public Builder notifyUrl(URI notifyUrl) {
            if (notifyUrl != null) {
                String scheme = notifyUrl.getScheme() == null ? "" : notifyUrl.getScheme().toLowerCase(Locale.ROOT);
                if (!notifyUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))
                        || notifyUrl.getHost() == null) {
                    throw new InvalidValueException("notifyUrl", "notifyUrl must be an absolute http(s) URL that the "
                            + "service can reach, got \"" + Strings.abbreviate(notifyUrl.toString(), 200) + "\".");
                }
            }
            this.notifyUrl = notifyUrl;
            return this;
        }

        /**
         * Sets the most image data the request may send inline, question and answer images together (decoded
         * bytes; URL images do not count). {@link #build()} refuses a request over it, so that an oversized
         * body is never sent. The default is {@link #DEFAULT_MAX_INLINE_IMAGE_BYTES}.
         *
         * @param maxBytes the limit, at least 1
         * @return this builder
         * @throws InvalidValueException when {@code maxBytes} is less than 1
         */
        public Builder maxInlineImageBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new InvalidValueException("maxInlineImageBytes", "maxInlineImageBytes must be at least 1, got "
                        + maxBytes);
            }
            this.maxInlineImageBytes = maxBytes;
            return this;
        }

        private static Image requireImage(Image image, String field) {
            if (image == null) {
                throw new InvalidValueException(field, field + " must not contain null.");
            }
            return image;
        }

        /**
         * Checks the fields and builds the request.
         *
         * @return the request
         * @throws InvalidValueException naming the first invalid field: a blank question or answer, or neither
         *     question text nor question images, or inline images over {@link #maxInlineImageBytes(long)}
         */
        public GenerateVideoRequest build() {
            if (question != null && Strings.isBlank(question)) {
                throw new InvalidValueException("question", "question must not be blank; leave it unset to ask "
                        + "with images only.");
            }
            if (question == null && questionImages.isEmpty()) {
                throw new InvalidValueException("question", "A request needs a question: set question(text), "
                        + "add question images, or both.");
            }
            if (answer != null && Strings.isBlank(answer)) {
                throw new InvalidValueException("answer", "answer must not be blank; leave it unset for no "
                        + "reference answer.");
            }
            long inline = 0;
            for (Image i : questionImages) {
                inline += i.inlineBytes();
            }
            for (Image i : answerImages) {
                inline += i.inlineBytes();
            }
            if (inline > maxInlineImageBytes) {
                throw new InvalidValueException(questionImages.isEmpty() ? "answerImages" : "questionImages",
                        "The request's inline images add up to " + inline + " bytes, over the limit of "
                        + maxInlineImageBytes + " bytes per request (they are sent as base64 in one JSON body). "
                        + "Send fewer or smaller images, give them as URLs, or raise the limit with "
                        + "maxInlineImageBytes(bytes).");
            }
            return new GenerateVideoRequest(this);
        }
    }
}
