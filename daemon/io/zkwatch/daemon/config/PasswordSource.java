package io.zkwatch.daemon.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a password comes from: a file or an environment variable, never the configuration itself, so that
 * configuration files can be shared, diffed and logged. The records hold only the file name or variable
 * name; the password is read when it is needed and returned as a {@code char[]} the caller can wipe.
 *
 * <p>Equality is that of the reference, not the password: a reload that only rotates a password file's
 * content is not a configuration change, so whoever builds TLS contexts should rebuild them on every reload.
 */
public sealed interface PasswordSource permits PasswordSource.FromFile, PasswordSource.FromEnv {

    /** Reads the password now, looking variables up in the process environment. */
    default char[] read() throws IOException {
        return read(name -> Optional.ofNullable(System.getenv(name)));
    }

    /** Reads the password now, looking variables up with {@code environment}. */
    char[] read(Function<String, Optional<String>> environment) throws IOException;

    /** A password file: its content, less one trailing line break. */
    record FromFile(Path file) implements PasswordSource {
        public FromFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public char[] read(Function<String, Optional<String>> environment) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            try {
                int end = bytes.length;
                if (end > 0 && bytes[end - 1] == '\n') {
                    end--;
                    if (end > 0 && bytes[end - 1] == '\r') {
                        end--;
                    }
                }
                CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
                char[] password = new char[chars.remaining()];
                chars.get(password);
                Arrays.fill(chars.array(), '\0');
                return password;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /** An environment variable holding the password. */
    record FromEnv(String variable) implements PasswordSource {
        public FromEnv {
            Objects.requireNonNull(variable, "variable");
            if (variable.isEmpty()) {
                throw new IllegalArgumentException("variable name is empty");
            }
        }

        @Override
        public char[] read(Function<String, Optional<String>> environment) throws IOException {
            return environment.apply(variable)
                    .orElseThrow(() -> new IOException("environment variable " + variable + " is not set"))
                    .toCharArray();
        }
    }
}
