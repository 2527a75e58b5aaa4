package io.zkwatch.daemon;

/** Entry point. The only class allowed to exit the process. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("zkwatch: not yet implemented");
        System.exit(2);
    }
}
