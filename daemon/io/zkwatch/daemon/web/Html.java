package io.zkwatch.daemon.web;

/**
 * Escaping for text and attribute values in HTML. Everything zkwatch shows comes from ZooKeeper or from its
 * configuration, and znode paths may hold {@code <}, quotes and any Unicode: nothing is written unescaped.
 */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
