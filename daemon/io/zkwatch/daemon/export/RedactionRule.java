package io.zkwatch.daemon.export;

import io.zkwatch.collectors.WatchDumpOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One way of showing one kind of identity (a znode path or a client host): as it is, shortened, as an HMAC, or
 * not at all. Pure: no I/O (never a DNS lookup), no clock.
 */
public final class RedactionRule {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("\\[?([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(%[^\\]]*)?]?");
    private static final int HMAC_BYTES = 12;

    private final boolean shows;
    private final Function<String, Optional<String>> apply;

    private RedactionRule(boolean shows, Function<String, Optional<String>> apply) {
        this.shows = shows;
        this.apply = apply;
    }

    /** As it is. */
    public static RedactionRule raw() {
        return new RedactionRule(true, Optional::of);
    }

    /** Not shown at all. */
    public static RedactionRule drop() {
        return new RedactionRule(false, v -> Optional.empty());
    }

    /**
     * {@code hmac:} and the first 12 bytes of HMAC-SHA256(key, value) in hex: the same value always gives the same
     * label, so series stay comparable across members and scrapes, and only the key holder can test a guess.
     */
    public static RedactionRule hmac(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("the HMAC key is empty");
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        return new RedactionRule(true, v -> Optional.of("hmac:" + hmacHex(spec, v)));
    }

    /** A znode path cut to its first {@code depth} segments ({@code /a/b/c} at 1 is {@code /a}). */
    public static RedactionRule pathPrefix(int depth) {
        WatchDumpOptions cut = new WatchDumpOptions(0, depth, 0);
        return new RedactionRule(true, v -> Optional.of(cut.prefixOf(v)));
    }

    /**
     * A client IP address as its network in CIDR notation ({@code 10.1.2.3} at 24 bits is {@code 10.1.2.0/24},
     * {@code 2001:db8:1:2::5} at 48 is {@code 2001:db8:1::/48}); anything that is no IP literal as
     * {@link LabelPolicy#REDACTED}.
     */
    public static RedactionRule network(int ipv4Bits, int ipv6Bits) {
        if (ipv4Bits < 1 || ipv4Bits > 32 || ipv6Bits < 1 || ipv6Bits > 128) {
            throw new IllegalArgumentException("prefix lengths out of range: " + ipv4Bits + ", " + ipv6Bits);
        }
        return new RedactionRule(true, v -> Optional.of(network(v, ipv4Bits, ipv6Bits)));
    }

    /** The value as shown, or empty when dropped. */
    public Optional<String> apply(String value) {
        return apply.apply(value);
    }

    /** Whether anything is shown at all. */
    public boolean shows() {
        return shows;
    }

    private static String hmacHex(SecretKeySpec key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HMAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String network(String host, int ipv4Bits, int ipv6Bits) {
        Optional<byte[]> address = literal(host);
        if (address.isEmpty()) {
            return LabelPolicy.REDACTED;
        }
        byte[] a = address.get();
        int bits = a.length == 4 ? ipv4Bits : ipv6Bits;
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            a[i] &= (byte) (0xff << (8 - keep));
        }
        return (a.length == 4 ? dotted(a) : compressed(a)) + "/" + bits;
    }

    /** The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 address as IPv4), without any name lookup. */
    private static Optional<byte[]> literal(String host) {
        Matcher v4 = IPV4.matcher(host);
        if (v4.matches()) {
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                out[i] = (byte) octet;
            }
            return Optional.of(out);
        }
        Matcher v6 = IPV6.matcher(host);
        if (!v6.matches()) {
            return Optional.empty();
        }
        try {
            // A string with a colon is only ever parsed as an IPv6 literal: InetAddress does no lookup for it. An
            // IPv4-mapped address comes back as IPv4 (4 bytes) and is shortened as one.
            return Optional.of(InetAddress.getByName(v6.group(1)).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String dotted(byte[] a) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }

    /** RFC 5952 text: lower-case hex, leading zeros dropped, the longest run of two or more zero groups as ::. */
    private static String compressed(byte[] a) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
