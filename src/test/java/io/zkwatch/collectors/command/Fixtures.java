package io.zkwatch.collectors.command;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.Spool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fixture tree {@code fixtures/<4lw|admin>/<zk-version>/<command>/<case>.<txt|json>}, as replies.
 * The command folder is the 4lw word or the AdminServer name.
 */
public final class Fixtures {

    /** One fixture file. */
    record Fixture(ReplyFormat format, String version, Command command, String caseName, Path file) {
        Reply reply() {
            return Fixtures.reply(command, format, bytes());
        }

        byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return (format == ReplyFormat.FOUR_LETTER ? "4lw" : "admin") + "/" + version + "/"
                    + file.getParent().getFileName() + "/" + caseName;
        }
    }

    private Fixtures() {
    }

    /** The fixture tree on the test classpath. */
    public static Path root() {
        URL url = Fixtures.class.getClassLoader().getResource("fixtures");
        if (url == null) {
            throw new IllegalStateException("no fixtures on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply reply(Command command, ReplyFormat format, byte[] bytes) {
        return new Reply(command, format, new BytesSpool(bytes), Duration.ZERO);
    }

    /**
     * A reply whose stream hands out at most {@code chunk} bytes per read, as a socket or a file might: lines then
     * straddle the parser's buffer refills.
     */
    static Reply chunked(Command command, byte[] bytes, int chunk) {
        return new Reply(command, ReplyFormat.FOUR_LETTER, chunked(bytes, chunk), Duration.ZERO);
    }

    /** A spool whose stream hands out at most {@code chunk} bytes per read. */
    static Spool chunked(byte[] bytes, int chunk) {
        return new Spool() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        return super.read(b, off, Math.min(len, chunk));
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }

    static Reply reply(Command command, ReplyFormat format, String text) {
        return reply(command, format, text.getBytes(StandardCharsets.UTF_8));
    }

    static Reply fourLetter(String version, String command, String caseName) {
        return fixture(ReplyFormat.FOUR_LETTER, version, command, caseName).reply();
    }

    static Reply admin(String version, String command, String caseName) {
        return fixture(ReplyFormat.ADMIN_JSON, version, command, caseName).reply();
    }

    static Fixture fixture(ReplyFormat format, String version, String command, String caseName) {
        String ext = format == ReplyFormat.FOUR_LETTER ? ".txt" : ".json";
        Path file = root().resolve(dir(format)).resolve(version).resolve(command).resolve(caseName + ext);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no fixture " + file);
        }
        return new Fixture(format, version, commandFor(format, command).orElseThrow(), caseName, file);
    }

    /** Every fixture of the commands with a collector, in a stable order. */
    static List<Fixture> all() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile)
                    .map(Fixtures::toFixture)
                    .flatMap(Optional::stream)
                    .sorted((a, b) -> a.file().compareTo(b.file()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Fixture> all(Command command) {
        return all().stream().filter(f -> f.command() == command).toList();
    }

    private static Optional<Fixture> toFixture(Path file) {
        Path rel = root().relativize(file);
        if (rel.getNameCount() != 4) {
            return Optional.empty();
        }
        String name = rel.getFileName().toString();
        ReplyFormat format;
        if (rel.getName(0).toString().equals("4lw") && name.endsWith(".txt")) {
            format = ReplyFormat.FOUR_LETTER;
        } else if (rel.getName(0).toString().equals("admin") && name.endsWith(".json")) {
            format = ReplyFormat.ADMIN_JSON;
        } else {
            return Optional.empty();
        }
        String caseName = name.substring(0, name.lastIndexOf('.'));
        return commandFor(format, rel.getName(2).toString())
                .map(c -> new Fixture(format, rel.getName(1).toString(), c, caseName, file));
    }

    private static String dir(ReplyFormat format) {
        return format == ReplyFormat.FOUR_LETTER ? "4lw" : "admin";
    }

    static Optional<Command> commandFor(ReplyFormat format, String folder) {
        return Arrays.stream(Command.values())
                .filter(c -> format == ReplyFormat.FOUR_LETTER
                        ? c.fourLetterWord().filter(folder::equals).isPresent()
                        : c.adminName().equals(folder))
                .findFirst();
    }
}
