package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.HostPort;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.QuorumMember;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.ServerConfig.Membership;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Configuration: 4lw {@code conf}; AdminServer {@code configuration} plus {@code voting_view}.
 *
 * <p>4lw ({@code ZooKeeperServer.dumpConf}, {@code QuorumZooKeeperServer.dumpConf}, {@code QuorumMaj.toString}):
 * {@code key=value} lines; a quorum member then prints {@code membership: }, one {@code server.N=} line per
 * member and finally {@code version=<hex>} <em>without</em> a newline. So a quorum reply is whole when it ends
 * with the version line, and a standalone one when its lines end with newlines and it reached {@code serverId}.
 *
 * <p>The AdminServer {@code configuration} has no membership, so {@link #collect} also fetches
 * {@code voting_view}, whose members are objects in 3.9 and {@code server.N} strings in older releases.
 */
public final class ConfCollector implements Collector<ServerConfig> {

    private static final String MEMBERSHIP = "membership:";

    private final ParseOptions options;

    public ConfCollector(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Command command() {
        return Command.CONF;
    }

    /** Over the AdminServer, fetches {@code configuration} and {@code voting_view} and joins them. */
    @Override
    public ServerConfig collect(CommandTransport transport) throws CollectorException {
        if (transport.format() != ReplyFormat.ADMIN_JSON) {
            return Collector.super.collect(transport);
        }
        ServerConfig config;
        try (Reply reply = transport.fetch(Command.CONF)) {
            config = parse(reply);
        }
        try (Reply reply = transport.fetch(Command.VOTING_VIEW)) {
            return config.withMembership(parseVotingView(reply));
        }
    }

    /** Parses {@code conf} or {@code configuration}; the latter alone gives no membership. */
    @Override
    public ServerConfig parse(Reply reply) throws CollectorException {
        return Replies.parse(reply, command(), this::fourLetter, this::configurationJson);
    }

    /** Parses an AdminServer {@code voting_view} reply. */
    public Membership parseVotingView(Reply reply) throws CollectorException {
        return Replies.read(reply, Command.VOTING_VIEW, in -> {
            List<QuorumMember> members = new ArrayList<>();
            boolean[] seen = {false};
            try (JsonReply json = JsonReply.open(in, Command.VOTING_VIEW, options)) {
                json.fields(name -> {
                    if (name.equals("current_config")) {
                        seen[0] = true;
                        json.objectEntries(() -> members.add(votingMember(json)));
                    } else {
                        json.skip();
                    }
                });
                if (!seen[0]) {
                    throw json.unparseable("a \"current_config\" field");
                }
                return membership(members, OptionalLong.empty(), json::unparseable);
            }
        });
    }

    private ServerConfig fourLetter(InputStream in) throws CollectorException {
        LineScanner line = new LineScanner(in, command(), options);
        Refusals.firstLine(line, command());
        Map<String, String> properties = new LinkedHashMap<>();
        List<QuorumMember> members = new ArrayList<>();
        boolean inMembership = false;
        do {
            String text = line.text();
            if (inMembership && text.startsWith("version=")) {
                OptionalLong version = OptionalLong.of(hex(line, text.substring("version=".length())));
                if (line.next()) {
                    throw line.unparseable("the end of the reply after the config version");
                }
                return new ServerConfig(properties, Optional.of(membership(members, version, line::unparseable)));
            }
            if (!line.terminated()) {
                throw line.truncated("the last line is cut off");
            }
            if (text.trim().equals(MEMBERSHIP)) {
                inMembership = true;
            } else if (inMembership) {
                members.add(serverLine(line, text));
            } else {
                int eq = text.indexOf('=');
                if (eq <= 0) {
                    throw line.unparseable("<key>=<value>");
                }
                properties.put(text.substring(0, eq), text.substring(eq + 1));
            }
        } while (line.next());
        if (inMembership) {
            throw line.truncated("no version= line after the membership");
        }
        if (!properties.containsKey("serverId")) {
            throw line.truncated("no serverId line");
        }
        return config(properties, Optional.of(new Membership(List.of(), OptionalLong.empty())), line::unparseable);
    }

    private ServerConfig configurationJson(InputStream in) throws CollectorException {
        Map<String, String> properties = new LinkedHashMap<>();
        try (JsonReply reply = JsonReply.open(in, command(), options)) {
            reply.fields(name -> properties.put(ServerConfig.camelCase(name), reply.valueText()));
            return config(properties, Optional.empty(), reply::unparseable);
        }
    }

    /** Builds the failure for a malformed part, at the parser's current position. */
    private interface Unparseable {
        CollectorException at(String expected);
    }

    private static ServerConfig config(Map<String, String> properties, Optional<Membership> membership,
                                       Unparseable fail) throws CollectorException {
        try {
            return new ServerConfig(properties, membership);
        } catch (IllegalArgumentException e) {
            throw fail.at("numeric clientPort, tickTime, session timeouts and serverId");
        }
    }

    private static Membership membership(List<QuorumMember> members, OptionalLong version, Unparseable fail)
            throws CollectorException {
        try {
            return new Membership(members, version);
        } catch (IllegalArgumentException e) {
            throw fail.at("distinct server ids");
        }
    }

    private static long hex(LineScanner line, String digits) throws CollectorException {
        try {
            return Long.parseUnsignedLong(digits.trim(), 16);
        } catch (NumberFormatException e) {
            throw line.unparseable("a hex config version");
        }
    }

    private static QuorumMember serverLine(LineScanner line, String text) throws CollectorException {
        int eq = text.indexOf('=');
        if (!text.startsWith("server.") || eq < 0) {
            throw line.unparseable("server.<id>=<address spec>");
        }
        try {
            return member(Long.parseLong(text.substring("server.".length(), eq)), text.substring(eq + 1));
        } catch (IllegalArgumentException e) {
            throw line.unparseable("server.<id>=<host>:<quorum port>:<election port>[:role][;<client address>]");
        }
    }

    /** {@code host:quorumPort:electionPort[|...][:participant|:observer][;clientHost:clientPort]}. */
    static QuorumMember member(long id, String spec) {
        String main = spec;
        Optional<HostPort> client = Optional.empty();
        int semi = spec.indexOf(';');
        if (semi >= 0) {
            main = spec.substring(0, semi);
            client = Optional.of(HostPort.parse(spec.substring(semi + 1)));
        }
        QuorumMember.Role role = QuorumMember.Role.PARTICIPANT;
        if (main.endsWith(":observer")) {
            role = QuorumMember.Role.OBSERVER;
            main = main.substring(0, main.length() - ":observer".length());
        } else if (main.endsWith(":participant")) {
            main = main.substring(0, main.length() - ":participant".length());
        }
        List<HostPort> quorum = new ArrayList<>();
        List<HostPort> election = new ArrayList<>();
        for (String address : main.split("\\|")) {
            int last = address.lastIndexOf(':');
            if (last <= 0) {
                throw new IllegalArgumentException("no election port");
            }
            HostPort q = HostPort.parse(address.substring(0, last));
            quorum.add(q);
            election.add(new HostPort(q.host(), Integer.parseInt(address.substring(last + 1))));
        }
        return new QuorumMember(id, quorum, election, role, client);
    }

    private static QuorumMember votingMember(JsonReply json) throws CollectorException {
        long id = json.decimalKey(json.name());
        try {
            if (json.current() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                return member(id, json.string());
            }
            List<HostPort> quorum = new ArrayList<>();
            List<HostPort> election = new ArrayList<>();
            String[] client = {""};
            QuorumMember.Role[] role = {QuorumMember.Role.PARTICIPANT};
            json.objectEntries(() -> {
                switch (json.name()) {
                    case "server_addresses" -> json.arrayElements(() -> quorum.add(HostPort.parse(json.string())));
                    case "election_addresses" ->
                            json.arrayElements(() -> election.add(HostPort.parse(json.string())));
                    case "client_address" -> client[0] = json.isNull() ? "" : json.string();
                    case "learner_type" -> role[0] = json.string().equals("observer")
                            ? QuorumMember.Role.OBSERVER : QuorumMember.Role.PARTICIPANT;
                    default -> json.skip();
                }
            });
            return new QuorumMember(id, quorum, election, role[0],
                    client[0].isEmpty() ? Optional.empty() : Optional.of(HostPort.parse(client[0])));
        } catch (IllegalArgumentException e) {
            throw json.unparseable("a voting member with host:port addresses");
        }
    }
}
