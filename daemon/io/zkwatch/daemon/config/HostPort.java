package io.zkwatch.daemon.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A host and port, written {@code zk1:2181}, {@code 10.0.0.5:2181} or, for IPv6, {@code [::1]:2181}.
 *
 * <p>The host is kept without brackets and in lower case, so that two spellings of one member compare
 * equal. Names are checked for shape only; nothing is resolved at load time, because DNS being briefly
 * unavailable must not stop the daemon from starting or reloading.
 */
public record HostPort(String host, int port) {
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?"
            + "(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\\.?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]+");
    private static final String EXAMPLE = "e.g. zk1:2181 or [::1]:2181";

    public HostPort {
        Objects.requireNonNull(host, "host");
        host = host.toLowerCase(Locale.ROOT);
        String problem = hostProblem(host);
        if (problem != null) {
            throw new IllegalArgumentException("host " + problem);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
    }

    /**
     * Parses {@code host:port}.
     *
     * @throws IllegalArgumentException whose message is the reason, phrased to follow the quoted value
     */
    public static HostPort parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid("the [ of an IPv6 address has no ]");
            }
            host = text.substring(1, close);
            if (host.indexOf(':') < 0) {
                throw invalid("brackets are only for IPv6 addresses");
            }
            String rest = text.substring(close + 1);
            if (!rest.startsWith(":")) {
                throw invalid("no port after the IPv6 address; " + EXAMPLE);
            }
            port = rest.substring(1);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw invalid("no port; " + EXAMPLE);
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw invalid("an IPv6 address needs brackets, e.g. [::1]:2181");
            }
        }
        int slash = port.indexOf('/');
        if (slash >= 0) {
            throw invalid("it has a chroot path (" + port.substring(slash)
                    + "); zkwatch talks to each server, so leave the path out");
        }
        if (host.isEmpty()) {
            throw invalid("no host; " + EXAMPLE);
        }
        String hostProblem = hostProblem(host.toLowerCase(Locale.ROOT));
        if (hostProblem != null) {
            throw invalid("the host " + hostProblem);
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid("port must be 1-65535");
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw invalid("port must be 1-65535");
        }
        return new HostPort(host, number);
    }

    public boolean isIpv6Literal() {
        return host.indexOf(':') >= 0;
    }

    /** The host as it goes into a URI's authority: IPv6 literals in brackets. */
    public String uriHost() {
        return isIpv6Literal() ? "[" + host + "]" : host;
    }

    /** {@code host:port}, with an IPv6 host in brackets: the form {@link #parse} reads. */
    @Override
    public String toString() {
        return uriHost() + ":" + port;
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("is not a valid host:port (" + why + ")");
    }

    /** Null when the (lower-case) host is a plausible name or literal address, else what is wrong with it. */
    private static String hostProblem(String host) {
        if (host.isEmpty()) {
            return "is empty";
        }
        if (host.indexOf(':') >= 0) {
            if (host.indexOf('%') >= 0) {
                return "has a zone ID (%...), which zkwatch does not support; use a global address or a name";
            }
            if (!IPV6_CHARS.matcher(host).matches()) {
                return "is not an IPv6 address";
            }
            try {
                // A bracketed literal is parsed locally; InetAddress never does a DNS lookup for it.
                InetAddress.getByName("[" + host + "]");
                return null;
            } catch (UnknownHostException e) {
                return "is not an IPv6 address";
            }
        }
        if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
            return "is not a valid host name or address";
        }
        return null;
    }
}
