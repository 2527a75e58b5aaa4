package io.zkwatch.daemon.localzk;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * The main class of every server child JVM: it halts the child as soon as the JVM that started it is gone,
 * then hands over to ZooKeeper's own main class.
 *
 * <p>A shutdown hook in the parent covers normal exits and SIGTERM, but not SIGKILL or a crash; without this
 * watchdog such a parent would leave servers running that hold ports and CPU on a shared machine. It uses
 * only JDK classes, so it can be copied alone onto the server's classpath (see {@link ServerProcess}).
 * Usage: {@code ParentWatchdog <parent pid> <main class> [args...]}.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog <parent pid> <main class> [args...]");
            Runtime.getRuntime().halt(2);
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(args[0]));
        if (parent.isEmpty() || !parent.get().isAlive()) {
            Runtime.getRuntime().halt(3);
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("zkwatch: parent JVM " + args[0] + " is gone; halting this server");
            Runtime.getRuntime().halt(4);
        });
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
