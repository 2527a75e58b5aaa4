package io.zkwatch.prom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code promtool} (package {@code prometheus}), the reference linter for exposition and rules. */
public final class PromTool {

    /** The outcome of one promtool run. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private PromTool() {
    }

    public static boolean available() {
        return Files.isExecutable(binary());
    }

    static Path binary() {
        String override = System.getenv("PROMTOOL");
        return Path.of(override != null ? override : "/usr/bin/promtool");
    }

    /** {@code promtool check metrics}, fed the exposition on stdin. Lint problems are reported, exit code 1 or 3. */
    public static Result checkMetrics(byte[] exposition) throws IOException, InterruptedException {
        return run(exposition, "check", "metrics");
    }

    public static Result checkRules(Path... files) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        for (Path f : files) {
            args.add(f.toString());
        }
        return run(null, args.toArray(String[]::new));
    }

    public static Result testRules(Path... files) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        for (Path f : files) {
            args.add(f.toString());
        }
        return run(null, args.toArray(String[]::new));
    }

    private static Result run(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream o = p.getInputStream()) {
            o.transferTo(out);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool did not finish within 120 s: " + cmd);
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
