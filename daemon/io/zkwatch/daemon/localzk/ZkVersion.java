package io.zkwatch.daemon.localzk;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ZooKeeper release number. Only the numeric part matters to the harness: it picks the server line's
 * dependency table and decides which configuration keys the release understands.
 */
record ZkVersion(int major, int minor, int patch, String text) implements Comparable<ZkVersion> {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)([-.][0-9A-Za-z.-]+)?");

    ZkVersion {
        Objects.requireNonNull(text, "text");
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version component in " + text);
        }
    }

    static ZkVersion parse(String text) {
        Matcher m = FORM.matcher(Objects.requireNonNull(text, "version").trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a ZooKeeper version (expected e.g. 3.9.5): '" + text + "'");
        }
        return new ZkVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), text.trim());
    }

    boolean atLeast(int otherMajor, int otherMinor, int otherPatch) {
        return compareTo(new ZkVersion(otherMajor, otherMinor, otherPatch, "")) >= 0;
    }

    @Override
    public int compareTo(ZkVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return text;
    }
}
