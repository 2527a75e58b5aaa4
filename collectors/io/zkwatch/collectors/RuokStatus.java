package io.zkwatch.collectors;

/**
 * A member answered {@code ruok} with {@code imok} (or the AdminServer {@code ruok} without error). There is no
 * "not ok" value: every other answer is a typed failure.
 */
public record RuokStatus() {
    public static final RuokStatus IMOK = new RuokStatus();
}
