package dev.holdfast.restoretester.report;

/** Escapes text for HTML and SVG, in element content and in quoted attribute values alike. */
public final class Html {
    private Html() {
    }

    /**
     * Returns {@code text} with {@code & < > " '} replaced by character references, and
     * control characters other than tab, line feed and carriage return replaced by U+FFFD,
     * because XML (and so inline SVG) forbids them. Null becomes the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                        ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
