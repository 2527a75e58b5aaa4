package io.zkwatch.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.config.WebConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Basic auth against bcrypt hashes as the usual tools make them, and the two properties that matter beyond
 * "right password in, wrong one out": an unknown user costs the same bcrypt verification as a known one (proved by
 * counting verifications, not by a stopwatch), and only successes are remembered.
 */
class BasicAuthTest {

    /** {@code htpasswd -nbBC 10 alice 'wonder land'} (Apache's $2y$). */
    static final String ALICE = "$2y$10$lPiieO4gmSt/ZdnyUCBJa.maZLmcIcxC8vdI.yvFP3n9fjUCra38S";
    /** Python's {@code bcrypt.hashpw(b'builder', bcrypt.gensalt(10))} ($2b$). */
    static final String BOB = "$2b$10$fw8OqrlAI9uIke87/CVc.ubWXVa7dNFaY4xwMA256p2xe8tGIHDOy";
    /** Python's {@code bcrypt.hashpw('päss:word'.encode(), bcrypt.gensalt(4, prefix=b'2a'))} ($2a$). */
    static final String CAROL = "$2a$04$zAjHDG3lCNxj4hUs3GIgPuIxj0Zmhcic6GY3STX6tKnM6HifnAjCy";

    private static final WebConfig USERS = new WebConfig(Optional.empty(),
            Map.of("alice", ALICE, "bob", BOB, "carol", CAROL));

    static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The real bcrypt check, recording the hash of every verification it makes. */
    static final class Counting implements BasicAuth.PasswordCheck {
        private final BasicAuth.PasswordCheck real = BasicAuth.PasswordCheck.bcrypt();
        final List<String> hashes = new ArrayList<>();

        @Override
        public synchronized boolean matches(byte[] password, String bcryptHash) {
            hashes.add(bcryptHash);
            return real.matches(password, bcryptHash);
        }
    }

    @Test
    void acceptsHashesOfHtpasswdAndPythonBcryptInEveryVersion() {
        BasicAuth auth = BasicAuth.of(USERS, BasicAuth.PasswordCheck.bcrypt()).orElseThrow();
        assertTrue(auth.allows(header("alice", "wonder land")), "$2y$ from htpasswd");
        assertTrue(auth.allows(header("bob", "builder")), "$2b$ from Python bcrypt");
        assertTrue(auth.allows(header("carol", "päss:word")), "$2a$, UTF-8, a colon inside the password");
        assertFalse(auth.allows(header("alice", "wonder lan")));
        assertFalse(auth.allows(header("bob", "Builder")));
        assertFalse(auth.allows(header("alice", "builder")), "bob's password is not alice's");
    }

    @Test
    void anUnknownUserCostsOneVerificationAtTheUsersCostLikeAWrongPassword() {
        Counting check = new Counting();
        BasicAuth auth = BasicAuth.of(new WebConfig(Optional.empty(), Map.of("alice", ALICE)), check).orElseThrow();

        assertFalse(auth.allows(header("alice", "wrong")));
        assertEquals(List.of(ALICE), check.hashes, "a known user with a wrong password: one check, her hash");

        check.hashes.clear();
        assertFalse(auth.allows(header("mallory", "wrong")));
        assertEquals(1, check.hashes.size(), "an unknown user still costs exactly one bcrypt verification");
        String dummy = check.hashes.get(0);
        assertFalse(dummy.equals(ALICE), "checked against a dummy, never against a real user's hash");
        assertEquals(WebConfig.bcryptCost(ALICE), WebConfig.bcryptCost(dummy), "the dummy has the users' cost");

        check.hashes.clear();
        assertFalse(auth.allows(header("mallory", "wonder land")), "no password opens an unknown user");
        assertFalse(auth.allows(header("", "wonder land")));
        assertEquals(2, check.hashes.size());
    }

    @Test
    void remembersSuccessesOnlySoWrongPasswordsAlwaysPayAndNeverPass() {
        Counting check = new Counting();
        BasicAuth auth = BasicAuth.of(USERS, check).orElseThrow();
        assertTrue(auth.allows(header("bob", "builder")));
        assertTrue(auth.allows(header("bob", "builder")));
        assertTrue(auth.allows(header("bob", "builder")));
        assertEquals(1, check.hashes.size(), "a repeated good scrape is not verified again");

        for (int i = 0; i < 3; i++) {
            assertFalse(auth.allows(header("bob", "builder!")));
        }
        assertEquals(4, check.hashes.size(), "every wrong password is verified, none is remembered");
        assertFalse(auth.allows(header("alice", "builder")), "bob's remembered password does not open alice");
        assertTrue(auth.allows(header("bob", "builder")));
        assertEquals(5, check.hashes.size());
    }

    @Test
    void refusesMalformedHeadersWithoutVerifying() {
        Counting check = new Counting();
        BasicAuth auth = BasicAuth.of(USERS, check).orElseThrow();
        for (String h : new String[] {null, "", "Basic", "Basic !!!not-base64!!!", "Bearer abc",
            "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)),
            "Basic " + "A".repeat(10_000)}) {
            assertFalse(auth.allows(h), String.valueOf(h));
        }
        assertEquals(List.of(), check.hashes);
        assertTrue(auth.allows("basic " + header("bob", "builder").substring(6)), "the scheme is case-insensitive");
    }

    @Test
    void noUsersMeansNoAuthentication() {
        assertTrue(BasicAuth.of(WebConfig.open(), BasicAuth.PasswordCheck.bcrypt()).isEmpty());
    }
}
