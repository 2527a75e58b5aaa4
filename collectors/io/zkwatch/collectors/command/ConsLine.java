package io.zkwatch.collectors.command;

import io.zkwatch.collectors.Connection;
import io.zkwatch.collectors.Connection.ClientAddress;
import io.zkwatch.collectors.Connection.Listener;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The usual {@code cons} line, read straight from its bytes: {@code  /ip:port[ops](queued=..,...)} or
 * {@code  host/ip:port[..](..)}, ASCII, every value a plain decimal or {@code 0x} hex number that fits, {@code lop}
 * a word without brackets or commas.
 *
 * <p>Why: the String-based reader decodes the line into a String, then makes a substring for the address, one
 * for each part of it and one for {@code lop}, and parses every number through the JDK, which checks signs,
 * radix and overflow per digit. This reader makes only the Strings the {@link Connection} keeps (the ip, a host
 * name, an unknown operation code), looks field names up by their bytes, and parses numbers in place.
 *
 * <p>It never fails: a line of any other shape (non-ASCII, a sign or overflow in a number, a bracket in a value,
 * an AdminServer-style address, a missing counter, ...) is left to {@link ConsCollector}'s String-based reader, so
 * every unusual line is accepted or refused exactly as before, with the same message. Not thread-safe: one per
 * reply.
 */
final class ConsLine {

    /** The operation codes {@code FinalRequestProcessor} prints as {@code lop}, and {@code NA} before the first. */
    static final KnownStrings OPERATIONS = KnownStrings.of(List.of("NA", "PING", "SESS", "MULT", "MLTR", "CREA",
            "DELE", "SETD", "RECO", "SETA", "CLOS", "SYNC", "CHEC", "EXIS", "GETD", "SETW", "STW2", "ADDW", "GETA",
            "GETC", "GETACN", "CHKW", "REMW", "HOMI", "GETE"));

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[][] NAMES = names();
    private static final long[] NAME_WORDS = nameWords(false);
    private static final long[] NAME_MASKS = nameWords(true);
    private static final int MAX_DECIMAL_DIGITS = 18;
    private static final int MAX_HEX_DIGITS = 16;
    private static final int MAX_PORT = 65535;

    private final ConsCollector.Fields fields = new ConsCollector.Fields();
    private Connection connection;

    /** The connection of the last line {@link #read} took. */
    Connection connection() {
        return connection;
    }

    /** Reads {@code buf[from, to)}; false when the line is not of the usual shape and the exact reader must decide. */
    boolean read(byte[] buf, int from, int to) {
        int start = from < to && buf[from] == ' ' ? from + 1 : from;
        int close = to - 1;
        if (close <= start || buf[close] != ')') {
            return false;
        }
        int open = start;
        while (open < close && !(buf[open] == ']' && buf[open + 1] == '(')) {
            if (buf[open] < 0) {
                return false;
            }
            open++;
        }
        int bracket = open - 1;
        while (bracket > start && buf[bracket] != '[') {
            bracket--;
        }
        if (open >= close || bracket <= start || open - bracket - 1 < 1 || open - bracket - 1 > 8) {
            return false;
        }
        long ops = 0;
        for (int i = bracket + 1; i < open; i++) {
            int d = LineScanner.HEX[buf[i] & 0xff];
            if (d < 0 || buf[i] >= 'A' && buf[i] <= 'F') {
                return false;
            }
            ops = ops << 4 | d;
        }
        if (ops > Integer.MAX_VALUE || !fields(buf, open + 2, close)) {
            return false;
        }
        Optional<ClientAddress> address = address(buf, start, bracket);
        if (address.isEmpty()) {
            return false;
        }
        try {
            connection = ConsCollector.build(address, Listener.QUERIED_PORT, (int) ops, fields);
            return true;
        } catch (IllegalArgumentException | ArithmeticException e) {
            // A counter missing or negative, a timeout beyond an int: the exact reader says which, as before.
            return false;
        }
    }

    /**
     * The fields in {@code buf[from, to)}, {@code key=value} separated by commas, each read once: the name
     * ZooKeeper prints next is tried first, as one masked word (name and {@code =}), and a number is parsed while
     * its end is sought.
     */
    private boolean fields(byte[] buf, int from, int to) {
        fields.clear();
        int expected = 0;
        int at = from;
        while (at < to) {
            int field;
            int eq;
            if (expected < NAMES.length && startsWithName(buf, at, to, expected)) {
                field = expected;
                eq = at + NAMES[expected].length - 1;
            } else {
                eq = at;
                while (eq < to && buf[eq] != '=') {
                    if (buf[eq] == ',' || buf[eq] == ']' || buf[eq] < 0) {
                        return false;
                    }
                    eq++;
                }
                if (eq == to) {
                    return false;
                }
                field = field(buf, at, eq);
            }
            int end = field == ConsCollector.LOP ? operation(buf, eq + 1, to) : number(buf, eq + 1, to, field);
            if (end < 0) {
                return false;
            }
            expected = field + 1;
            at = end + 1;
        }
        return at == to + 1;
    }

    /** Whether {@code buf[at, to)} starts with the name of {@code field} and {@code =}. */
    private static boolean startsWithName(byte[] buf, int at, int to, int field) {
        if (at + Long.BYTES <= to) {
            return ((long) LONGS.get(buf, at) & NAME_MASKS[field]) == NAME_WORDS[field];
        }
        byte[] name = NAMES[field];
        return to - at >= name.length && Arrays.equals(name, 0, name.length, buf, at, at + name.length);
    }

    /** Reads {@code lop} up to the next comma or {@code to}: the index of that end, or -1 to leave the line. */
    private int operation(byte[] buf, int from, int to) {
        int end = from;
        while (end < to && buf[end] != ',') {
            if (buf[end] == ']' || buf[end] < 0) {
                return -1;
            }
            end++;
        }
        String known = OPERATIONS.get(buf, from, end);
        fields.lop = known.isEmpty() ? new String(buf, from, end - from, StandardCharsets.ISO_8859_1) : known;
        return end;
    }

    /** The index of the field named {@code buf[from, to)}; -1 for an unknown name. */
    private static int field(byte[] buf, int from, int to) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].length - 1 == to - from && Arrays.equals(NAMES[i], 0, to - from, buf, from, to)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Parses {@code 0x} and 1 to 16 hex digits, or 1 to 18 decimal digits, up to the next comma or {@code to}, into
     * {@code field} (even an unknown one must be a number): the index of the end, or -1 for anything the JDK's
     * parsers would have to judge (signs, more digits, none, other bytes).
     */
    private int number(byte[] buf, int from, int to, int field) {
        long v = 0;
        int i = from;
        int digits;
        if (to - from > 2 && buf[from] == '0' && buf[from + 1] == 'x' && buf[from + 2] != ',') {
            for (i = from + 2; i < to && buf[i] != ','; i++) {
                int d = LineScanner.HEX[buf[i] & 0xff];
                if (d < 0) {
                    return -1;
                }
                v = v << 4 | d;
            }
            digits = i - from - 2;
            if (digits > MAX_HEX_DIGITS) {
                return -1;
            }
        } else {
            for (; i < to && buf[i] != ','; i++) {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                v = v * 10 + d;
            }
            digits = i - from;
            if (digits < 1 || digits > MAX_DECIMAL_DIGITS) {
                return -1;
            }
        }
        fields.put(field, v);
        return i;
    }

    /**
     * {@code [host]/ip:port} with the ip bracketed or not; empty when the address has another form ({@code null},
     * no slash, {@code <unresolved>}, a port out of range or written oddly), which the exact reader then judges.
     */
    private static Optional<ClientAddress> address(byte[] buf, int from, int to) {
        int colon = to - 1;
        while (colon >= from && buf[colon] != ':') {
            colon--;
        }
        int portDigits = to - colon - 1;
        if (colon < from || portDigits < 1 || portDigits > 5) {
            return Optional.empty();
        }
        int port = 0;
        for (int i = colon + 1; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return Optional.empty();
            }
            port = port * 10 + d;
        }
        int slash = from;
        while (slash < colon && buf[slash] != '/') {
            slash++;
        }
        int ipFrom = slash + 1;
        int ipTo = colon;
        if (ipTo - ipFrom >= 2 && buf[ipFrom] == '[' && buf[ipTo - 1] == ']') {
            ipFrom++;
            ipTo--;
        }
        if (slash == colon || port > MAX_PORT || ipTo <= ipFrom || buf[ipFrom] == '<' || buf[ipFrom] == '[') {
            return Optional.empty();
        }
        Optional<String> name = slash == from ? Optional.empty()
                : Optional.of(new String(buf, from, slash - from, StandardCharsets.ISO_8859_1));
        String ip = new String(buf, ipFrom, ipTo - ipFrom, StandardCharsets.ISO_8859_1);
        return Optional.of(new ClientAddress(name, Optional.of(ip), port));
    }

    /** Each field name followed by {@code =}. */
    private static byte[][] names() {
        byte[][] names = new byte[ConsCollector.FIELDS.length][];
        for (int i = 0; i < names.length; i++) {
            names[i] = (ConsCollector.FIELDS[i] + "=").getBytes(StandardCharsets.US_ASCII);
        }
        return names;
    }

    /** Each name and {@code =} as a little-endian word, and the mask of its bytes (every name is under 8 bytes). */
    private static long[] nameWords(boolean masks) {
        long[] words = new long[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            for (int b = 0; b < NAMES[i].length; b++) {
                words[i] |= (masks ? 0xffL : NAMES[i][b] & 0xffL) << (8 * b);
            }
        }
        return words;
    }
}
