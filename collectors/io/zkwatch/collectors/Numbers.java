package io.zkwatch.collectors;

import java.util.OptionalLong;

/** Lenient reading of numbers kept as text, for accessors whose absent or odd values mean "not known". */
final class Numbers {

    private Numbers() {
    }

    /** The text as an exact long, or empty when absent or not an integer. */
    static OptionalLong optionalLong(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
