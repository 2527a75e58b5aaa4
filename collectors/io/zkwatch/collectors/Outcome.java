package io.zkwatch.collectors;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The result of one command against one member: a value, or a typed failure. Never a silent zero. */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

    Duration took();

    default boolean isSuccess() {
        return this instanceof Success;
    }

    default Optional<T> valueIfPresent() {
        return this instanceof Success<T> s ? Optional.of(s.value()) : Optional.empty();
    }

    default <R> Outcome<R> map(Function<? super T, ? extends R> f) {
        if (this instanceof Success<T> s) {
            return new Success<>(f.apply(s.value()), s.took(), s.bytes());
        }
        Failure<T> fail = (Failure<T>) this;
        return new Failure<>(fail.kind(), fail.message(), fail.took());
    }

    static <T> Outcome<T> success(T value, Duration took, long bytes) {
        return new Success<>(value, took, bytes);
    }

    static <T> Outcome<T> failure(CollectorException e, Duration took) {
        return new Failure<>(e.kind(), e.getMessage(), took);
    }

    static <T> Outcome<T> failure(FailureKind kind, String message, Duration took) {
        return new Failure<>(kind, message, took);
    }

    record Success<T>(T value, Duration took, long bytes) implements Outcome<T> {
        public Success {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(took, "took");
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes < 0");
            }
        }
    }

    record Failure<T>(FailureKind kind, String message, Duration took) implements Outcome<T> {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(took, "took");
        }
    }
}
