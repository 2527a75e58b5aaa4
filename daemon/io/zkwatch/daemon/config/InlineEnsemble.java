package io.zkwatch.daemon.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ensemble given on the command line as {@code --ensemble NAME=HOST:PORT[,HOST:PORT...]}.
 *
 * @param members the members in the order given, without repeats
 */
public record InlineEnsemble(String name, List<HostPort> members) {
    static final String FORM = "NAME=HOST:PORT[,HOST:PORT...]";

    public InlineEnsemble {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        EnsembleConfig.nameProblem(name).ifPresent(reason -> {
            throw new IllegalArgumentException("the name " + reason);
        });
        if (members.isEmpty()) {
            throw new IllegalArgumentException("has no members");
        }
        if (new HashSet<>(members).size() != members.size()) {
            throw new IllegalArgumentException("lists a member twice");
        }
    }

    /**
     * Parses {@code NAME=HOST:PORT[,HOST:PORT...]}; spaces around the commas are allowed.
     *
     * @throws IllegalArgumentException whose message is the reason, phrased to follow the quoted spec
     */
    public static InlineEnsemble parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("is not " + FORM + " (no NAME=)");
        }
        String name = spec.substring(0, eq).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("is not " + FORM + " (the NAME before = is empty)");
        }
        EnsembleConfig.nameProblem(name).ifPresent(reason -> {
            throw new IllegalArgumentException("has a bad name: " + reason);
        });
        String list = spec.substring(eq + 1).trim();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("is not " + FORM + " (no members after =)");
        }
        List<HostPort> members = new ArrayList<>();
        Set<HostPort> seen = new HashSet<>();
        for (String part : list.split(",", -1)) {
            String text = part.trim();
            if (text.isEmpty()) {
                throw new IllegalArgumentException("has an empty member (two commas, or one at an end)");
            }
            HostPort member;
            try {
                member = HostPort.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("has a bad member: " + Values.quote(text) + " " + e.getMessage());
            }
            if (!seen.add(member)) {
                throw new IllegalArgumentException("lists " + member + " twice");
            }
            members.add(member);
        }
        return new InlineEnsemble(name, members);
    }
}
