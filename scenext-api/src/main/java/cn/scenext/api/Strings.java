package cn.scenext.api;

/** String checks shared by the models. */
final class Strings {
    private Strings() {
    }

    static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Shortens a value for {@code toString} so that long questions do not flood logs. */
    static String abbreviate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
