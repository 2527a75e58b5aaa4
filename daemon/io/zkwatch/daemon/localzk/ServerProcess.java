package io.zkwatch.daemon.localzk;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** One running child JVM: launch, signals and a bounded wait for its death. */
final class ServerProcess {

    private final Process process;

    private ServerProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code command} in {@code directory}, appending its stdout and stderr to {@code log}. */
    static ServerProcess launch(List<String> command, Path directory, Path log) throws IOException {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile())).redirectInput(Redirect.from(devNull()))
                .start();
        return new ServerProcess(p);
    }

    private static File devNull() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * Copies {@link ParentWatchdog}'s class file, and nothing else of zkwatch, into {@code directory} so it can
     * go on a server classpath without bringing zkwatch's own ZooKeeper client and Jetty along.
     */
    static Path installWatchdog(Path directory) throws IOException {
        String name = ParentWatchdog.class.getSimpleName() + ".class";
        Path target = directory.resolve(ParentWatchdog.class.getPackageName().replace('.', '/')).resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = ParentWatchdog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("class file " + name + " not found next to " + ParentWatchdog.class);
            }
            Files.write(target, in.readAllBytes());
        }
        return directory;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Sends {@code SIGSTOP} or {@code SIGCONT}; Java has no API for them, so this runs {@code kill}. */
    void signal(String name, Duration timeout) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new LocalZkException("kill -" + name + " " + process.pid() + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new LocalZkException("cannot run kill -" + name + " " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalZkException("interrupted sending SIG" + name, e);
        }
    }

    /**
     * The process state letter from {@code /proc/<pid>/stat} ({@code T} when stopped), or {@code ?} where
     * there is no procfs.
     */
    char state() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        } catch (IOException e) {
            return '?';
        }
    }

    /** SIGKILL, then wait (bounded) until the kernel has reaped the process and released its ports. */
    void killAndWait(Duration timeout) {
        process.destroyForcibly();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LocalZkException("process " + process.pid() + " did not die within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalZkException("interrupted waiting for process " + process.pid() + " to die", e);
        }
    }

    /** For shutdown hooks: no waiting, no exceptions. */
    void killNow() {
        process.destroyForcibly();
    }
}
