package io.zkwatch.daemon.http;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.zkwatch.daemon.config.WebConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@code Authorization: Basic} credentials against the bcrypt hashes of a web configuration.
 *
 * <p>Why it is built this way:
 * <ul>
 *   <li>An unknown user costs one bcrypt verification, against a dummy hash of the users' cost, exactly like a
 *       known user with a wrong password; and the user is looked up by comparing it, in constant time, with every
 *       configured name. So the answer's timing does not tell which user names exist.</li>
 *   <li>bcrypt is slow on purpose (about 50-100 ms at cost 10), too slow for every scrape. A successful check is
 *       remembered under (user, hash, SHA-256 of the password), as exporter-toolkit does; a failed one never is, so
 *       a wrong password always pays the full price and can never be taken for a right one.</li>
 * </ul>
 */
final class BasicAuth {

    /** The bcrypt check itself; a seam so tests can count verifications instead of timing them. */
    interface PasswordCheck {
        boolean matches(byte[] password, String bcryptHash);

        /** The real check; passwords past bcrypt's 72 bytes are cut, as htpasswd and OpenBSD's bcrypt do. */
        static PasswordCheck bcrypt() {
            BCrypt.Verifyer verifyer = BCrypt.verifyer(BCrypt.Version.VERSION_2A,
                    LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
            return (password, hash) -> verifyer.verify(password, hash.getBytes(StandardCharsets.US_ASCII)).verified;
        }
    }

    /** No client sends more; a longer header is refused without decoding it. */
    private static final int MAX_HEADER = 8 * 1024;
    /** Successful checks remembered; past this the memory is dropped whole, which only costs bcrypt time. */
    private static final int MAX_REMEMBERED = 256;

    private final List<Map.Entry<byte[], String>> users;
    private final String dummyHash;
    private final PasswordCheck check;
    private final Set<String> remembered = ConcurrentHashMap.newKeySet();

    private BasicAuth(List<Map.Entry<byte[], String>> users, String dummyHash, PasswordCheck check) {
        this.users = users;
        this.dummyHash = dummyHash;
        this.check = check;
    }

    /** Empty when the configuration has no users: then the endpoint is open. */
    static Optional<BasicAuth> of(WebConfig config, PasswordCheck check) {
        if (config.basicAuthUsers().isEmpty()) {
            return Optional.empty();
        }
        List<Map.Entry<byte[], String>> users = new ArrayList<>();
        config.basicAuthUsers().forEach((user, hash) ->
                users.add(Map.entry(user.getBytes(StandardCharsets.UTF_8), hash)));
        int cost = users.stream().mapToInt(u -> WebConfig.bcryptCost(u.getValue()).orElseThrow()).max().orElseThrow();
        // A hash of random bytes nobody knows; made once per configuration, at the cost of the dearest user.
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        String dummy = new String(BCrypt.withDefaults().hash(cost, secret), StandardCharsets.US_ASCII);
        return Optional.of(new BasicAuth(List.copyOf(users), dummy, check));
    }

    /** Whether the value of an {@code Authorization} header (null when absent) names a user with the right password. */
    boolean allows(String authorization) {
        Optional<Credentials> credentials = Credentials.parse(authorization);
        if (credentials.isEmpty()) {
            return false;
        }
        byte[] user = credentials.get().user();
        byte[] password = credentials.get().password();
        String hash = null;
        for (Map.Entry<byte[], String> candidate : users) {
            // No early exit: every configured name is compared, whichever matches.
            if (MessageDigest.isEqual(candidate.getKey(), user)) {
                hash = candidate.getValue();
            }
        }
        boolean known = hash != null;
        String against = known ? hash : dummyHash;
        String key = rememberKey(user, against, password);
        if (known && remembered.contains(key)) {
            return true;
        }
        boolean matches = check.matches(password, against);
        if (known && matches) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.add(key);
        }
        return known && matches;
    }

    private static String rememberKey(byte[] user, String hash, byte[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            HexFormat hex = HexFormat.of();
            return hex.formatHex(user) + ":" + hash + ":" + hex.formatHex(sha.digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** User and password of a {@code Basic} header: base64 of UTF-8 {@code user:password}, split at the first colon. */
    record Credentials(byte[] user, byte[] password) {
        static Optional<Credentials> parse(String header) {
            if (header == null || header.length() > MAX_HEADER) {
                return Optional.empty();
            }
            String h = header.strip();
            int space = h.indexOf(' ');
            if (space < 0 || !h.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
                return Optional.empty();
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(h.substring(space + 1).strip());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            for (int i = 0; i < decoded.length; i++) {
                if (decoded[i] == ':') {
                    return Optional.of(new Credentials(java.util.Arrays.copyOfRange(decoded, 0, i),
                            java.util.Arrays.copyOfRange(decoded, i + 1, decoded.length)));
                }
            }
            return Optional.empty();
        }
    }
}
