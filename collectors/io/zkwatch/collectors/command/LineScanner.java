package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a 4lw reply line by line from a stream, in one reusable byte buffer.
 *
 * <p>Why not a {@code BufferedReader}: dumps of millions of lines must not allocate a {@code String} per line
 * the parser does not need, a single hostile line must not grow memory past {@link ParseOptions#maxLineLength()}
 * ({@link FailureKind#TOO_LARGE}), malformed UTF-8 must fail instead of turning into U+FFFD
 * ({@link FailureKind#UNPARSEABLE} with the line number), and the parser must know whether the last line
 * ended with a newline, which is how a cut-off reply shows. CRLF endings are accepted.
 */
final class LineScanner {

    /** Reads of 64 KiB: fewer calls into the stream and fewer moves of a partial line to the front. */
    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final int SNIPPET = 60;
    /** The value of each byte as an ASCII hex digit (either case), or -1; also read by {@link ConsLine}. */
    static final int[] HEX = hexDigits();

    private final InputStream in;
    private final Command command;
    private final ParseOptions options;
    private final int capacityLimit;
    /** Made on the first line that is not ASCII: most replies have none, and a short reply pays for every object. */
    private CharsetDecoder decoder;
    private byte[] buf;
    private CharBuffer chars = CharBuffer.allocate(0);
    private int lineStart;
    private int lineEnd;
    private int next;
    private int limit;
    private int scanFrom;
    private boolean eof;
    private boolean terminated;
    private int lineNumber;
    private long lineId;
    private int separator;

    LineScanner(InputStream in, Command command, ParseOptions options) {
        this.in = in;
        this.command = command;
        this.options = options;
        this.capacityLimit = options.maxLineLength() + 2;
        this.buf = new byte[Math.min(capacityLimit, Math.min(INITIAL_BUFFER, Math.max(256, available(in) + 2)))];
    }

    /** What the stream says it holds without blocking: a short reply (mntr, ruok) needs no 64 KiB buffer. */
    private static int available(InputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Moves to the next line; false at the end of the reply. */
    boolean next() throws CollectorException {
        int start = next;
        int i = Math.max(scanFrom, start);
        while (true) {
            i = indexOfNewline(buf, i, limit);
            if (i < limit) {
                setLine(start, i, true);
                next = i + 1;
                return true;
            }
            if (eof) {
                if (start < limit) {
                    setLine(start, limit, false);
                    next = limit;
                    return true;
                }
                return false;
            }
            int pending = limit - start;
            if (pending > options.maxLineLength() + 1) {
                throw tooLong();
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, pending);
                limit = pending;
                i -= start;
                start = 0;
            }
            if (limit == buf.length) {
                byte[] bigger = new byte[Math.min(capacityLimit, buf.length * 2)];
                System.arraycopy(buf, 0, bigger, 0, limit);
                buf = bigger;
            }
            int n = read();
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
            scanFrom = i;
        }
    }

    /** The index of the first {@code '\n'} in {@code buf[from, to)}, or {@code to}. */
    static int indexOfNewline(byte[] buf, int from, int to) {
        return indexOfByte(buf, from, to, (byte) '\n');
    }

    /**
     * The index of the first {@code b} in {@code buf[from, to)}, or {@code to}: eight bytes per step (a word holds
     * {@code b} where {@code word ^ b..} has a zero byte, and the lowest such byte is found exactly), since finding
     * line ends is the one thing done to every byte of a dump.
     */
    static int indexOfByte(byte[] buf, int from, int to, byte b) {
        long pattern = (b & 0xffL) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(buf, i) ^ pattern;
            long zero = (w - ONES) & ~w & HIGH_BITS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        while (i < to && buf[i] != b) {
            i++;
        }
        return i;
    }

    private int read() throws CollectorException {
        try {
            return in.read(buf, limit, buf.length - limit);
        } catch (IOException e) {
            throw new CollectorException(FailureKind.IO, command.label() + ": reading the reply failed: " + e, e);
        }
    }

    private void setLine(int start, int end, boolean newline) throws CollectorException {
        int e = end;
        if (e > start && buf[e - 1] == '\r') {
            e--;
        }
        if (e - start > options.maxLineLength()) {
            throw tooLong();
        }
        lineNumber++;
        lineStart = start;
        lineEnd = e;
        terminated = newline;
        scanFrom = newline ? end + 1 : end;
    }

    int lineNumber() {
        return lineNumber;
    }

    /** Whether the current line ended with a newline; a reply cut mid-line ends with one that did not. */
    boolean terminated() {
        return terminated;
    }

    int length() {
        return lineEnd - lineStart;
    }

    boolean isEmpty() {
        return lineEnd == lineStart;
    }

    byte byteAt(int index) {
        return buf[lineStart + index];
    }

    /** The index of the first {@code ascii} byte in the line, or -1; eight bytes per step. */
    int indexOf(char ascii) {
        int i = indexOfByte(buf, lineStart, lineEnd, (byte) ascii);
        return i == lineEnd ? -1 : i - lineStart;
    }

    boolean startsWith(String ascii) {
        return regionMatches(0, ascii);
    }

    boolean regionMatches(int offset, String ascii) {
        if (offset + ascii.length() > length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (buf[lineStart + offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean is(String ascii) {
        return length() == ascii.length() && startsWith(ascii);
    }

    String text() throws CollectorException {
        return text(0, length());
    }

    String text(int from) throws CollectorException {
        return text(from, length());
    }

    /**
     * Strictly decoded UTF-8 of {@code [from, to)} of the current line. Nearly every line is ASCII, checked eight
     * bytes at a time: that is copied into the String directly (one byte array, no char buffer), and only other lines
     * go through the decoder.
     */
    String text(int from, int to) throws CollectorException {
        int len = to - from;
        int start = lineStart + from;
        int end = start + len;
        long high = 0;
        int i = start;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            high |= (long) LONGS.get(buf, i);
        }
        for (; i < end; i++) {
            high |= buf[i];
        }
        if ((high & HIGH_BITS) == 0) {
            return new String(buf, start, len, StandardCharsets.ISO_8859_1);
        }
        if (chars.capacity() < len) {
            chars = CharBuffer.allocate(Math.max(len, chars.capacity() * 2));
        }
        chars.clear();
        CharsetDecoder decoder = decoder();
        CoderResult r = decoder.decode(ByteBuffer.wrap(buf, lineStart + from, len), chars, true);
        if (!r.isError()) {
            r = decoder.flush(chars);
        }
        if (r.isError()) {
            throw new CollectorException(FailureKind.UNPARSEABLE,
                    command.label() + " line " + lineNumber + ": malformed UTF-8");
        }
        chars.flip();
        return chars.toString();
    }

    private CharsetDecoder decoder() {
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        return decoder.reset();
    }

    /**
     * The text of {@code [from, to)}: the table's own String when it holds these bytes (no allocation, no decoding;
     * its bytes are ASCII, so strict decoding would give the same text), else {@link #text(int, int)}.
     */
    String text(int from, int to, KnownStrings known) throws CollectorException {
        String s = known.get(buf, lineStart + from, lineStart + to);
        return s.isEmpty() ? text(from, to) : s;
    }

    /**
     * Whether the line holds {@code ascii} anywhere: the first byte is sought eight bytes at a time and the rest is
     * compared only where it matches (the refusal check runs this on the first line of every reply).
     */
    boolean contains(String ascii) {
        long pattern = (ascii.charAt(0) & 0xffL) * ONES;
        int last = lineEnd - ascii.length();
        int i = lineStart;
        for (; i + Long.BYTES <= lineEnd; i += Long.BYTES) {
            long w = (long) LONGS.get(buf, i) ^ pattern;
            long match = (w - ONES) & ~w & HIGH_BITS;
            while (match != 0) {
                int at = i + (Long.numberOfTrailingZeros(match) >>> 3);
                if (at <= last && regionMatches(at - lineStart, ascii)) {
                    return true;
                }
                match &= match - 1;
            }
        }
        for (; i <= last; i++) {
            if (regionMatches(i - lineStart, ascii)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses {@code 0x} followed by 1 to 16 hex digits, from {@code from} to the end of the line, as ZooKeeper's
     * {@code Long.toHexString} prints session ids (so ids with the top bit set come back negative).
     */
    long hexId(int from) throws CollectorException {
        return hexId(from, length());
    }

    long hexId(int from, int to) throws CollectorException {
        int digits = to - from - 2;
        if (digits < 1 || digits > 16 || byteAt(from) != '0' || byteAt(from + 1) != 'x') {
            throw unparseable("a 0x-prefixed session id");
        }
        int first = lineStart + from + 2;
        int end = lineStart + to;
        long v;
        if (digits >= 8 && end >= 16) {
            long low = hex8((long) LONGS.get(buf, end - 8));
            long high = digits == 8 ? 0 : hex8(leadingDigits((long) LONGS.get(buf, end - 16), 16 - digits));
            v = high << 32 | low;
            if ((low | high) < 0) {
                throw unparseable("a 0x-prefixed session id");
            }
        } else {
            v = hexDigitByDigit(first, end);
        }
        return v;
    }

    private long hexDigitByDigit(int first, int end) throws CollectorException {
        long v = 0;
        int bad = 0;
        for (int i = first; i < end; i++) {
            int d = HEX[buf[i] & 0xff];
            bad |= d;
            v = (v << 4) | (d & 0xf);
        }
        if (bad < 0) {
            throw unparseable("a 0x-prefixed session id");
        }
        return v;
    }

    /** {@code word} (eight bytes as read, little-endian) with its first {@code n} bytes replaced by {@code '0'}. */
    private static long leadingDigits(long word, int n) {
        long keep = -1L << (8 * n);
        return word & keep | 0x3030303030303030L & ~keep;
    }


    /**
     * The value of eight ASCII hex digits (either case) read as one little-endian word, first digit most significant;
     * -1 if any byte is not a hex digit. Every byte is range-checked at once ({@link #hexDigitBytes}); a digit's
     * value is its low nibble, plus 9 for a letter (bit 6 set), and the nibbles are packed in three steps.
     */
    static long hex8(long w) {
        long hex = hexDigitBytes(w);
        return hex == HIGH_BITS ? packDigits(w, hex) : -1;
    }

    /** Whether the line from {@code from} on is printable ASCII only (0x20 to 0x7e). */
    boolean printableAscii(int from) {
        return indexOfUnprintable(buf, lineStart + from, lineEnd) == lineEnd;
    }

    /**
     * Fast path for a by-path dump's member line, {@code \t0x} and 1 to 16 hex digits then {@code \n}: if the
     * next line is one (and lies whole in the buffer), moves to it and returns true with its id in
     * {@link #lineId()}; otherwise changes nothing and returns false, and {@link #next()} reads the line as usual
     * (a refill, a CR, a malformed id, anything else). Two words hold the digits; one pass over them finds the
     * first byte that is not a hex digit, which must be the newline, and the same words give the value.
     */
    boolean nextIdLine() {
        int p = next;
        if (p + 20 > limit || buf[p] != '\t' || buf[p + 1] != '0' || buf[p + 2] != 'x') {
            return false;
        }
        long w1 = (long) LONGS.get(buf, p + 3);
        long w2 = (long) LONGS.get(buf, p + 11);
        long hex1 = hexDigitBytes(w1);
        long hex2 = hexDigitBytes(w2);
        int digits;
        long id;
        if (hex1 != HIGH_BITS) {
            digits = Long.numberOfTrailingZeros(~hex1 & HIGH_BITS) >>> 3;
            id = digits == 0 ? 0 : packDigits(w1, hex1) >>> (4 * (8 - digits));
        } else {
            int more = hex2 == HIGH_BITS ? 8 : Long.numberOfTrailingZeros(~hex2 & HIGH_BITS) >>> 3;
            digits = 8 + more;
            id = more == 0 ? packDigits(w1, hex1) : packDigits(w1, hex1) << (4 * more)
                    | packDigits(w2, hex2) >>> (4 * (8 - more));
        }
        int end = p + 3 + digits;
        if (digits == 0 || buf[end] != '\n') {
            return false;
        }
        lineId = id;
        return fastLine(p, end);
    }

    /** Makes {@code buf[start, end)}, which a fast path found ending with a newline, the current line. */
    private boolean fastLine(int start, int end) {
        lineNumber++;
        lineStart = start;
        lineEnd = end;
        terminated = true;
        next = end + 1;
        scanFrom = next;
        return true;
    }

    /** The id of the line {@link #nextIdLine()} moved to. */
    long lineId() {
        return lineId;
    }

    /**
     * Fast path for a by-session dump's member line, {@code \t/} then printable ASCII up to {@code \n}: if the next
     * line is one (and lies whole in the buffer, within the line cap), moves to it and returns true; otherwise
     * changes nothing and returns false, and {@link #next()} reads the line as usual. Finding the line's end and
     * checking its bytes are one pass: the first byte outside 0x20-0x7e must be the newline.
     */
    boolean nextPathLine() {
        int p = next;
        return p + 2 <= limit && buf[p] == '\t' && buf[p + 1] == '/' && nextPrintableLine(p, p + 2);
    }

    /** The same for a by-path dump's header line: {@code /} then printable ASCII up to {@code \n}. */
    boolean nextPathHeader() {
        int p = next;
        return p < limit && buf[p] == '/' && nextPrintableLine(p, p + 1);
    }

    /**
     * Fast path for a {@code mntr} line, printable ASCII up to a tab, then printable ASCII up to {@code \n}: if the
     * next line is one (and lies whole in the buffer, within the line cap), moves to it, returns true and keeps the
     * tab's place for {@link #separator()}; otherwise changes nothing and returns false, and {@link #next()} reads
     * the line as usual (a CR, a second tab, a byte outside ASCII, a refill). Both halves are found and checked by
     * the same scan: the first byte outside 0x20-0x7e ends each.
     */
    boolean nextKeyValueLine() {
        int p = next;
        int cap = Math.min(limit, p + options.maxLineLength());
        int tab = indexOfUnprintable(buf, p, cap);
        if (tab >= cap || tab == p || buf[tab] != '\t') {
            return false;
        }
        int end = indexOfUnprintable(buf, tab + 1, cap);
        if (end >= cap || buf[end] != '\n') {
            return false;
        }
        separator = tab - p;
        return fastLine(p, end);
    }

    /** Where in the line {@link #nextKeyValueLine()} found the tab. */
    int separator() {
        return separator;
    }

    private boolean nextPrintableLine(int start, int from) {
        int end = indexOfUnprintable(buf, from, Math.min(limit, start + options.maxLineLength()));
        return end < limit && buf[end] == '\n' && fastLine(start, end);
    }

    /**
     * The index of the first byte outside 0x20-0x7e in {@code buf[from, to)}, or {@code to}, eight bytes per step: a
     * byte below 0x20 borrows in {@code w - 0x20..} while its top bit is clear, one at or above 0x7f sets its top bit
     * in {@code w + 0x01..} or already has it; borrows and carries only run upwards, so the lowest flagged byte is
     * exact. Nearly every watched path is printable; only the others need strict decoding.
     */
    static int indexOfUnprintable(byte[] buf, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(buf, i);
            long bad = ((w - 0x2020202020202020L) & ~w | (w + ONES) | w) & HIGH_BITS;
            if (bad != 0) {
                return i + (Long.numberOfTrailingZeros(bad) >>> 3);
            }
        }
        while (i < to && buf[i] >= 0x20 && buf[i] < 0x7f) {
            i++;
        }
        return i;
    }

    /**
     * The top bit of each byte of {@code w} set if that byte is an ASCII hex digit (either case), exactly per byte:
     * on the low seven bits {@code a} of a byte, {@code (a | 0x80) - lo} and {@code hi - a} (with {@code hi} at or
     * above 0x80) cannot borrow from the next byte, and their top bits say {@code a >= lo} and {@code a <= hi - 0x80};
     * a byte with its own top bit set is no digit.
     */
    private static long hexDigitBytes(long w) {
        long a = w & 0x7F7F7F7F7F7F7F7FL;
        long lower = a | 0x2020202020202020L;
        long digit = ((a | HIGH_BITS) - 0x3030303030303030L) & (0xB9B9B9B9B9B9B9B9L - a);
        long letter = ((lower | HIGH_BITS) - 0x6161616161616161L) & (0xE6E6E6E6E6E6E6E6L - lower);
        return (digit | letter) & ~w & HIGH_BITS;
    }

    /** The eight digits of {@code w} as one 32-bit value, first digit highest; bytes that are not digits count 0. */
    private static long packDigits(long w, long hexBytes) {
        long nibbles = ((w & 0x0F0F0F0F0F0F0F0FL) + ((w >>> 6) & ONES) * 9) & (hexBytes >>> 7) * 0x0F;
        nibbles = Long.reverseBytes(nibbles);
        nibbles = (nibbles | nibbles >>> 4) & 0x00FF00FF00FF00FFL;
        nibbles = (nibbles | nibbles >>> 8) & 0x0000FFFF0000FFFFL;
        return (nibbles | nibbles >>> 16) & 0xFFFFFFFFL;
    }

    /** The scanner's buffer, for callers that hash or copy the current line's bytes without making a String. */
    byte[] bytes() {
        return buf;
    }

    /** Where the current line starts in {@link #bytes()}. */
    int start() {
        return lineStart;
    }

    /** Where the current line ends in {@link #bytes()} (exclusive, before any CR LF). */
    int end() {
        return lineEnd;
    }

    /** The value of each byte as an ASCII hex digit (either case), or -1: one load per digit, no branches. */
    private static int[] hexDigits() {
        int[] t = new int[256];
        Arrays.fill(t, -1);
        for (int c = '0'; c <= '9'; c++) {
            t[c] = c - '0';
        }
        for (int c = 'a'; c <= 'f'; c++) {
            t[c] = c - 'a' + 10;
            t[c - 'a' + 'A'] = c - 'a' + 10;
        }
        return t;
    }

    /** A failure at the current line: the expectation, plus a short excerpt of the line unless redacting. */
    CollectorException unparseable(String expected) {
        return new CollectorException(FailureKind.UNPARSEABLE,
                command.label() + " line " + lineNumber + ": expected " + expected + excerpt());
    }

    CollectorException truncated(String what) {
        return new CollectorException(FailureKind.TRUNCATED,
                command.label() + ": reply ends early after line " + lineNumber + ": " + what);
    }

    private CollectorException tooLong() {
        return new CollectorException(FailureKind.TOO_LARGE, command.label() + " line " + (lineNumber + 1)
                + ": longer than " + options.maxLineLength() + " bytes");
    }

    private String excerpt() {
        if (options.redactPaths()) {
            return "";
        }
        int len = Math.min(length(), SNIPPET);
        String s = new String(buf, lineStart, len, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(" (got \"");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || cp == '"' || cp == '\\') {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append(length() > SNIPPET ? "...\")" : "\")").toString();
    }
}
