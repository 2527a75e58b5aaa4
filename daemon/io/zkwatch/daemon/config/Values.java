package io.zkwatch.daemon.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How values appear in error messages: quoted, shortened, and never revealing a secret. A key whose name
 * suggests a secret has its value withheld entirely, because the commonest mistake with
 * {@code keystore_password_file} is to write the password itself there.
 */
final class Values {
    private static final int MAX_SHOWN = 80;
    private static final String[] SECRET_WORDS = {"password", "passwd", "secret", "token", "authorization",
        "credential", "key_file"};
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@\\s]*@");

    private Values() {
    }

    /** Whether the value of this key (its last path segment) must never be shown. */
    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (k.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The value as shown after a key: quoted, or a placeholder for a secret. */
    static String show(String key, String value) {
        return isSecretKey(key) ? "the value (not shown: this key names a secret)" : quote(value);
    }

    /** Quotes a value, masks any {@code user:password@} in a URL, escapes control characters, shortens it. */
    static String quote(String value) {
        String masked = USER_INFO.matcher(value).replaceAll("***@");
        StringBuilder sb = new StringBuilder("\"");
        int shown = Math.min(masked.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = masked.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (masked.length() > MAX_SHOWN) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
