package io.zkwatch.collectors;

/** How a reply is encoded: the text of a four-letter word, or the JSON of an AdminServer command. */
public enum ReplyFormat {
    FOUR_LETTER,
    ADMIN_JSON
}
