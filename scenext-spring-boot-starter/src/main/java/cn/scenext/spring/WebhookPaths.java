package cn.scenext.spring;

/** Checks {@code scenext.webhook.path}: a literal path, matched exactly. */
final class WebhookPaths {
    static final String PROPERTY = "scenext.webhook.path";

    private WebhookPaths() {
    }

    /**
     * Checks the path.
     *
     * @param path the configured path
     * @return the path
     * @throws InvalidScenextPropertyException when it is not a literal absolute path
     */
    static String check(String path) {
        if (path == null || !path.startsWith("/") || path.length() < 2) {
            throw new InvalidScenextPropertyException(PROPERTY, "The webhook path must start with '/' and name a"
                    + " path, e.g. /scenext/webhook; it is \"" + path + "\".", null);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7F || "*?{}#;%\\".indexOf(c) >= 0 || path.startsWith("//", i)) {
                throw new InvalidScenextPropertyException(PROPERTY, "The webhook path must be a literal path (letters,"
                        + " digits, '/', '-', '_', '.'), with no pattern, query or escape; it is \"" + path + "\".",
                        null);
            }
        }
        return path;
    }
}
