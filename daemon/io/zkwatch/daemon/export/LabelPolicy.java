package io.zkwatch.daemon.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How znode paths appear in label values and API output. Paths can carry tenant or user names, so an
 * ensemble may export them as they are, not at all, or as an HMAC under a key only the operator holds (the
 * same path always maps to the same value, so series stay stable and comparable across members).
 */
public final class LabelPolicy {

    private enum Mode { RAW, DROP, HMAC }

    private final Mode mode;
    private final byte[] key;

    private LabelPolicy(Mode mode, byte[] key) {
        this.mode = mode;
        this.key = key;
    }

    public static LabelPolicy raw() {
        return new LabelPolicy(Mode.RAW, new byte[0]);
    }

    /** No per-path or per-prefix output at all. */
    public static LabelPolicy drop() {
        return new LabelPolicy(Mode.DROP, new byte[0]);
    }

    public static LabelPolicy hmac(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("the HMAC key is empty");
        }
        return new LabelPolicy(Mode.HMAC, key.clone());
    }

    /** The path as it may leave zkwatch, or empty when paths are dropped. */
    public Optional<String> path(String path) {
        return switch (mode) {
            case RAW -> Optional.of(path);
            case DROP -> Optional.empty();
            case HMAC -> Optional.of("hmac:" + hmacHex(path));
        };
    }

    /** A list of paths as they may leave zkwatch (empty when dropped). */
    public java.util.List<String> paths(java.util.List<String> paths) {
        return paths.stream().map(this::path).flatMap(Optional::stream).toList();
    }

    /** Client hosts are exported as they are; a later policy may map them too. */
    public String client(String host) {
        return host;
    }

    private String hmacHex(String path) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
