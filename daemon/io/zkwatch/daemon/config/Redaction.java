package io.zkwatch.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How an ensemble's znode paths and client hosts leave the daemon. One value per ensemble, turned into the one
 * label policy that every output (metrics, API, page, logs) applies; the snapshot itself keeps the real
 * identities, so that the detectors compare real paths and hosts.
 *
 * <p>Validation errors name the YAML key, like those of {@link EnsembleSettings}.
 *
 * @param paths how znode paths are shown
 * @param pathDepth segments a path keeps under {@link RedactionMode#PREFIX}: at 1, {@code /tenant-a/jobs/7} is
 *     shown as {@code /tenant-a}
 * @param pathKeyFile the HMAC key of paths, required when {@code paths} is HMAC
 * @param clients how client hosts are shown
 * @param ipv4Prefix network prefix length an IPv4 client keeps under {@link RedactionMode#PREFIX}
 *     ({@code 10.1.2.3} at 24 is {@code 10.1.2.0/24})
 * @param ipv6Prefix network prefix length an IPv6 client keeps under {@link RedactionMode#PREFIX}
 * @param clientKeyFile the HMAC key of client hosts; without it {@code client_redaction: hmac} uses the path key
 */
public record Redaction(RedactionMode paths, int pathDepth, Optional<Path> pathKeyFile, RedactionMode clients,
                        int ipv4Prefix, int ipv6Prefix, Optional<Path> clientKeyFile) {

    public static final int PATH_DEPTH_MAX = 32;

    public Redaction {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(pathKeyFile, "pathKeyFile");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(clientKeyFile, "clientKeyFile");
        Problems p = new Problems();
        p.check(pathDepth >= 1 && pathDepth <= PATH_DEPTH_MAX, "path_redaction_depth",
                pathDepth + " is out of range (must be 1-" + PATH_DEPTH_MAX + ")");
        p.check(ipv4Prefix >= 1 && ipv4Prefix <= 32, "client_redaction_ipv4_prefix",
                ipv4Prefix + " is out of range (must be 1-32)");
        p.check(ipv6Prefix >= 1 && ipv6Prefix <= 128, "client_redaction_ipv6_prefix",
                ipv6Prefix + " is out of range (must be 1-128)");
        if (paths == RedactionMode.HMAC) {
            p.check(pathKeyFile.isPresent(), "path_redaction_key_file",
                    "missing; path_redaction: hmac needs a key file");
        }
        if (clients == RedactionMode.HMAC) {
            p.check(clientKeyFile.isPresent() || pathKeyFile.isPresent(), "client_redaction_key_file",
                    "missing; client_redaction: hmac needs a key file (its own, or path_redaction_key_file)");
        } else {
            p.check(clientKeyFile.isEmpty(), "client_redaction_key_file", "is only used with client_redaction: hmac");
        }
        boolean pathKeyUsed = paths == RedactionMode.HMAC
                || clients == RedactionMode.HMAC && clientKeyFile.isEmpty();
        if (paths != RedactionMode.HMAC) {
            p.check(pathKeyUsed || pathKeyFile.isEmpty(), "path_redaction_key_file",
                    "is only used with path_redaction: hmac (or client_redaction: hmac without its own key file)");
        }
        p.throwIfAny();
    }

    /** Everything shown as it is. */
    public static Redaction none() {
        return new Redaction(RedactionMode.RAW, 1, Optional.empty(), RedactionMode.RAW, 24, 48, Optional.empty());
    }

    /** The key file client hosts are hashed with under HMAC: their own, else the path key. */
    public Optional<Path> clientKey() {
        return clientKeyFile.or(() -> pathKeyFile);
    }

    /** Whether anything is hidden, in which case no error message may quote a raw reply line. */
    public boolean hidesAnything() {
        return paths != RedactionMode.RAW || clients != RedactionMode.RAW;
    }
}
