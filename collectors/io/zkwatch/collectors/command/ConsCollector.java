package io.zkwatch.collectors.command;

import com.fasterxml.jackson.core.JsonToken;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Connection;
import io.zkwatch.collectors.Connection.ClientAddress;
import io.zkwatch.collectors.Connection.Listener;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Connections: 4lw {@code cons}, AdminServer {@code connections} (and {@code secure_connections}).
 *
 * <p>4lw ({@code ConsCommand}, {@code ServerCnxn.dumpConnectionInfo}): one line per connection,
 * {@code  <address>[<interest ops, hex>](queued=..,recved=..,sent=..[,sid=0x..,lop=..,est=..,to=..[,lcxid=0x..],
 * lzxid=0x..,lresp=..,llat=..,minlat=..,avglat=..,maxlat=..])}, then an empty line once all are listed. The
 * address is {@code InetSocketAddress.toString()}: {@code hostname/ip:port} or {@code /ip:port}, with IPv6 in
 * brackets from Java 14 on and without them before. AdminServer: objects with snake_case names and decimal ids.
 */
public final class ConsCollector implements Collector<Connections> {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Map<String, String> JSON_NAMES = Map.ofEntries(
            Map.entry("outstanding_requests", "queued"), Map.entry("packets_received", "recved"),
            Map.entry("packets_sent", "sent"), Map.entry("session_id", "sid"), Map.entry("established", "est"),
            Map.entry("session_timeout", "to"), Map.entry("last_cxid", "lcxid"), Map.entry("last_zxid", "lzxid"),
            Map.entry("last_response_time", "lresp"), Map.entry("last_latency", "llat"),
            Map.entry("min_latency", "minlat"), Map.entry("avg_latency", "avglat"),
            Map.entry("max_latency", "maxlat"));

    private final ParseOptions options;

    public ConsCollector(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Command command() {
        return Command.CONS;
    }

    @Override
    public Connections parse(Reply reply) throws CollectorException {
        return Replies.parse(reply, command(), this::fourLetter, this::json);
    }

    private Connections fourLetter(InputStream in) throws CollectorException {
        LineScanner line = new LineScanner(in, command(), options);
        Refusals.firstLine(line, command());
        List<Connection> out = new ArrayList<>();
        ConsLine usual = new ConsLine();
        do {
            if (!line.terminated()) {
                throw line.truncated("the last line is cut off");
            }
            if (line.isEmpty()) {
                if (line.next()) {
                    throw line.unparseable("the end of the reply after the closing empty line");
                }
                return new Connections(out);
            }
            boolean inPlace = usual.read(line.bytes(), line.start(), line.end());
            out.add(inPlace ? usual.connection() : fourLetterConnection(line));
        } while (line.next());
        throw line.truncated("no closing empty line");
    }

    /**
     * One connection line that {@link ConsLine} left (not ASCII, or of an unusual shape): this reader is the one that
     * decides what is accepted and what is refused, with which message. Index arithmetic rather than a regular
     * expression and {@code split}: a backtracking match and a String per field cost more than the rest of the parse.
     */
    static Connection fourLetterConnection(LineScanner line) throws CollectorException {
        String text = line.text();
        int from = text.startsWith(" ") ? 1 : 0;
        int close = text.length() - 1;
        int open = text.lastIndexOf("](");
        int bracket = open < 0 ? -1 : text.lastIndexOf('[', open);
        if (close < 0 || text.charAt(close) != ')' || bracket <= from || open - bracket - 1 < 1
                || open - bracket - 1 > 8 || !lowerHex(text, bracket + 1, open)) {
            throw line.unparseable(" <address>[<ops>](<key>=<value>,...)");
        }
        try {
            Fields numbers = new Fields();
            int at = open + 2;
            while (at <= close) {
                int comma = text.indexOf(',', at);
                int end = comma < 0 || comma > close ? close : comma;
                int eq = text.indexOf('=', at);
                if (eq < 0 || eq >= end) {
                    throw new IllegalArgumentException("a field without '='");
                }
                int field = fieldIndex(text, at, eq);
                if (field == LOP) {
                    numbers.lop = text.substring(eq + 1, end);
                } else {
                    numbers.put(field, number(text, eq + 1, end));
                }
                at = end + 1;
            }
            return build(fourLetterAddress(text.substring(from, bracket)), Listener.QUERIED_PORT,
                    Integer.parseInt(text, bracket + 1, open, 16), numbers);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw line.unparseable("numeric connection fields with a host:port address");
        }
    }

    static final String[] FIELDS = {"queued", "recved", "sent", "sid", "lop", "est", "to", "lcxid", "lzxid",
        "lresp", "llat", "minlat", "avglat", "maxlat"};

    private static final int QUEUED = 0;
    private static final int RECVED = 1;
    private static final int SENT = 2;
    private static final int SID = 3;
    static final int LOP = 4;
    private static final int EST = 5;
    private static final int TO = 6;
    private static final int LCXID = 7;
    private static final int LZXID = 8;
    private static final int LRESP = 9;
    private static final int LLAT = 10;
    private static final int MINLAT = 11;
    private static final int AVGLAT = 12;
    private static final int MAXLAT = 13;
    /** The connection value of each field a session adds (all but {@code lop}), by position in {@link #FIELDS}. */
    private static final Connection.Value[] SESSION_VALUES = new Connection.Value[FIELDS.length];

    static {
        SESSION_VALUES[SID] = Connection.Value.SESSION_ID;
        SESSION_VALUES[EST] = Connection.Value.ESTABLISHED;
        SESSION_VALUES[TO] = Connection.Value.SESSION_TIMEOUT;
        SESSION_VALUES[LCXID] = Connection.Value.LAST_CXID;
        SESSION_VALUES[LZXID] = Connection.Value.LAST_ZXID;
        SESSION_VALUES[LRESP] = Connection.Value.LAST_RESPONSE;
        SESSION_VALUES[LLAT] = Connection.Value.LAST_LATENCY;
        SESSION_VALUES[MINLAT] = Connection.Value.MIN_LATENCY;
        SESSION_VALUES[AVGLAT] = Connection.Value.AVG_LATENCY;
        SESSION_VALUES[MAXLAT] = Connection.Value.MAX_LATENCY;
    }

    /** The position in {@link #FIELDS} of a field name, or -1 for one this version does not know. */
    private static int fieldIndex(String text, int from, int to) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i].length() == to - from && text.startsWith(FIELDS[i], from)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The fields of one connection by their position in {@link #FIELDS}, and which were present: a map of boxed
     * longs per line cost more than the rest of a {@code cons} line. Unknown fields (a later version's) are
     * dropped, as before. {@code lop} is the one text field, held until it becomes an {@link Optional}.
     */
    static final class Fields {
        private final long[] values = new long[FIELDS.length];
        private int present;
        String lop;
        /** The previous line's {@code lop} as an optional: most lines repeat one of a few operation codes. */
        private Optional<String> previousLop = Optional.empty();

        /** Forgets every field, for the next line. */
        void clear() {
            present = 0;
            lop = null;
        }

        void put(int field, long value) {
            if (field >= 0) {
                values[field] = value;
                present |= 1 << field;
            }
        }

        boolean has(int field) {
            return (present & (1 << field)) != 0;
        }

        long get(int field, long otherwise) {
            return has(field) ? values[field] : otherwise;
        }

        Optional<String> lop() {
            if (lop == null) {
                return Optional.empty();
            }
            if (previousLop.isEmpty() || !previousLop.get().equals(lop)) {
                previousLop = Optional.of(lop);
            }
            return previousLop;
        }
    }

    /** {@code 0x} hex (unsigned, as {@code Long.toHexString} prints) or signed decimal. */
    private static long number(String text, int from, int to) {
        if (to - from > 2 && text.charAt(from) == '0' && text.charAt(from + 1) == 'x') {
            return Long.parseUnsignedLong(text, from + 2, to, 16);
        }
        return Long.parseLong(text, from, to, 10);
    }

    private static boolean lowerHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** {@code hostname/ip:port}, {@code /ip:port}, {@code hostname/<unresolved>:port}, or {@code null}. */
    static Optional<ClientAddress> fourLetterAddress(String text) {
        if (text.equals("null")) {
            return Optional.empty();
        }
        int colon = text.lastIndexOf(':');
        int port = Integer.parseInt(text.substring(colon + 1));
        String left = text.substring(0, colon);
        int slash = left.indexOf('/');
        if (slash < 0) {
            return Optional.of(address(left, port));
        }
        Optional<String> name = slash == 0 ? Optional.empty() : Optional.of(left.substring(0, slash));
        String ip = unbracket(left.substring(slash + 1));
        Optional<String> ipPart = ip.isEmpty() || ip.equals("<unresolved>") ? Optional.empty() : Optional.of(ip);
        return Optional.of(new ClientAddress(name, ipPart, port));
    }

    /** The AdminServer's {@code host:port}: the host is an IP literal or, when the server knew it, a name. */
    static ClientAddress address(String host, int port) {
        String h = unbracket(host);
        boolean literal = h.indexOf(':') >= 0 || IPV4.matcher(h).matches();
        return new ClientAddress(literal ? Optional.empty() : Optional.of(h), literal ? Optional.of(h) : Optional.empty(),
                port);
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static Connection build(Optional<ClientAddress> address, Listener listener, int interestOps, Fields n) {
        if (!n.has(QUEUED) || !n.has(RECVED) || !n.has(SENT)) {
            throw new IllegalArgumentException("queued, recved and sent are always printed");
        }
        Connection.Builder c = Connection.builder(address, listener, interestOps, n.get(QUEUED, 0), n.get(RECVED, 0),
                n.get(SENT, 0));
        long sid = n.get(SID, 0L);
        if (sid == 0) {
            return c.build(); // no session: nothing after sent counts
        }
        c.lastOperation(n.lop());
        for (int f = SID; f < FIELDS.length; f++) {
            Connection.Value v = SESSION_VALUES[f];
            if (v != null && n.has(f) && (f != LCXID || n.get(f, 0) >= 0)) { // lcxid is printed from 0 on
                c.set(v, n.get(f, 0));
            }
        }
        return c.build();
    }

    private Connections json(InputStream in) throws CollectorException {
        List<Connection> out = new ArrayList<>();
        boolean[] seen = {false};
        try (JsonReply reply = JsonReply.open(in, command(), options)) {
            reply.fields(name -> {
                Listener listener = switch (name) {
                    case "connections" -> Listener.CLIENT_PORT;
                    case "secure_connections" -> Listener.SECURE_CLIENT_PORT;
                    default -> null;
                };
                if (listener == null) {
                    reply.skip();
                    return;
                }
                seen[0] |= listener == Listener.CLIENT_PORT;
                reply.arrayElements(() -> out.add(jsonConnection(reply, listener)));
            });
            if (!seen[0]) {
                throw reply.unparseable("a \"connections\" field");
            }
        }
        return new Connections(out);
    }

    /** The position in {@link #FIELDS} of an AdminServer field name from {@link #JSON_NAMES}. */
    private static int jsonField(String name) {
        String field = JSON_NAMES.get(name);
        return fieldIndex(field, 0, field.length());
    }

    private static Connection jsonConnection(JsonReply reply, Listener listener) throws CollectorException {
        Fields numbers = new Fields();
        String[] text = {null};
        long[] ops = {0};
        reply.objectEntries(() -> {
            String name = reply.name();
            if (name.equals("remote_socket_address")) {
                text[0] = reply.isNull() ? null : reply.string();
            } else if (name.equals("last_operation")) {
                numbers.lop = reply.isNull() ? null : reply.string();
            } else if (name.equals("interest_ops")) {
                ops[0] = reply.exactLong();
            } else if (JSON_NAMES.containsKey(name) && reply.current() == JsonToken.VALUE_NUMBER_FLOAT) {
                numbers.put(jsonField(name), Math.round(reply.decimal()));
            } else if (JSON_NAMES.containsKey(name) && reply.current() == JsonToken.VALUE_NUMBER_INT) {
                numbers.put(jsonField(name), reply.exactLong());
            } else {
                reply.skip();
            }
        });
        try {
            Optional<ClientAddress> address = Optional.empty();
            if (text[0] != null) {
                int colon = text[0].lastIndexOf(':');
                address = Optional.of(address(text[0].substring(0, colon), Integer.parseInt(text[0].substring(colon + 1))));
            }
            return build(address, listener, Math.toIntExact(ops[0]), numbers);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            throw reply.unparseable("a connection with packet counters and a host:port address");
        }
    }
}
