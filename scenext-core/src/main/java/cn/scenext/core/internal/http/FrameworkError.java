package cn.scenext.core.internal.http;

import cn.scenext.core.internal.json.ApiJson;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The response of the web framework in front of the Scenext application (FastAPI), which is not an envelope:
 * {@code {"detail": "Not authenticated"}} (401/403), {@code {"detail": "Not Found"}} (404),
 * {@code {"detail": "Method Not Allowed"}} (405), and the validator's 422
 * {@code {"detail": [{"loc": ["body", "question"], "msg": "str type expected", "type": "..."}]}} in both its
 * pydantic 1 and pydantic 2 forms (the latter adds {@code input} and {@code url}). Read in one streaming pass;
 * anything else is not a framework response. Immutable.
 */
public final class FrameworkError {
    /** How many validation problems are kept; the first is the one reported. */
    private static final int MAX_PROBLEMS = 20;
    /** The longest text kept from the body, so that a huge {@code detail} cannot flood a message. */
    private static final int MAX_TEXT = 300;

    /** One problem the framework's validator found. */
    static final class Problem {
        private final String field;
        private final String message;

        Problem(String field, String message) {
            this.field = field;
            this.message = message;
        }

        /**
         * The field, from {@code loc} without its leading {@code body}/{@code query}/{@code path} part,
         * dotted when nested ({@code questionImages.0}).
         *
         * @return the field, or {@code null} when {@code loc} named none (the whole body was refused)
         */
        String field() {
            return field;
        }

        /**
         * The validator's {@code msg}.
         *
         * @return the message, or {@code null}
         */
        String message() {
            return message;
        }
    }

    private final String detail;
    private final List<Problem> problems;

    private FrameworkError(String detail, List<Problem> problems) {
        this.detail = detail;
        this.problems = problems;
    }

    /**
     * Reads a framework response.
     *
     * @param body the response's body
     * @return the error, or {@code null} when the body is not a JSON object whose {@code detail} is a string
     *     or an array
     */
    static FrameworkError parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonParser p = ApiJson.factory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            FrameworkError found = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("detail".equals(name) && t == JsonToken.VALUE_STRING) {
                    found = new FrameworkError(cut(p.getText()), Collections.<Problem>emptyList());
                } else if ("detail".equals(name) && t == JsonToken.START_ARRAY) {
                    found = new FrameworkError(null, readProblems(p));
                } else if ("status".equals(name) || "data".equals(name)) {
                    return null; // an envelope, not the framework
                } else {
                    p.skipChildren();
                }
            }
            return found;
        } catch (IOException e) {
            return null; // not JSON: not the framework's response either
        }
    }

    private static List<Problem> readProblems(JsonParser p) throws IOException {
        List<Problem> problems = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String field = null;
            String msg = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("loc".equals(name) && v == JsonToken.START_ARRAY) {
                    field = readLoc(p);
                } else if ("msg".equals(name) && v == JsonToken.VALUE_STRING) {
                    msg = cut(p.getText());
                } else {
                    p.skipChildren();
                }
            }
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new Problem(field, msg));
            }
        }
        return Collections.unmodifiableList(problems);
    }

    /** {@code ["body", "question"]} → {@code question}; {@code ["body"]} → {@code null}. */
    private static String readLoc(JsonParser p) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (!t.isScalarValue()) {
                p.skipChildren();
                continue;
            }
            String part = p.getText();
            boolean where = first && ("body".equals(part) || "query".equals(part) || "path".equals(part)
                    || "header".equals(part));
            first = false;
            if (where) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(part);
        }
        return sb.length() == 0 ? null : cut(sb.toString());
    }

    private static String cut(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s;
    }

    /**
     * The {@code detail} when it is a string.
     *
     * @return e.g. {@code Not authenticated}, or {@code null} for a validator's list
     */
    String detail() {
        return detail;
    }

    /**
     * The validator's problems when {@code detail} is a list.
     *
     * @return the problems, possibly empty
     */
    List<Problem> problems() {
        return problems;
    }

    /**
     * What the framework said, in one line: the detail, or each problem as {@code field: msg}.
     *
     * @return the text
     */
    String describe() {
        if (detail != null) {
            return detail;
        }
        StringBuilder sb = new StringBuilder();
        for (Problem problem : problems) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(problem.field() == null ? "the body" : problem.field()).append(": ")
                    .append(problem.message() == null ? "invalid" : problem.message());
        }
        return sb.length() == 0 ? "invalid request" : sb.toString();
    }
}
