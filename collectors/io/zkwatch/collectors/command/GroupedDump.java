package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import java.io.InputStream;

/**
 * The shape shared by {@code wchc} and {@code wchp}, read from {@code WatchManager.dumpWatches} and
 * {@code WatchCommand}: a header line (a session id, or a path), then one tab-indented line per member, and after
 * the last group one empty line that {@code WatchCommand} prints once the dump is complete. Paths cannot contain
 * control characters, so neither a tab nor an empty line can occur inside one.
 *
 * <p>Completeness: a reply is whole only if it ends with that empty line and its last line ends with a newline;
 * otherwise it is {@link io.zkwatch.collectors.FailureKind#TRUNCATED}. A header without members is valid (a
 * session whose watches all fired keeps its entry; {@code WatchManagerOptimized} keeps paths whose watchers died).
 */
final class GroupedDump {

    /** Reads one header line (not tab-indented, not empty). */
    interface HeaderReader {
        void header(LineScanner line) throws CollectorException;
    }

    /** Reads one member line; the text starts after the tab at index 1. */
    interface MemberReader {
        void member(LineScanner line) throws CollectorException;
    }

    /** Reads one entry of the AdminServer's map; the key is {@link JsonReply#name()}. */
    interface JsonEntryReader {
        void entry(JsonReply reply) throws CollectorException;
    }

    private GroupedDump() {
    }

    /**
     * Reads an AdminServer watch report: one object field {@code dataField} mapping keys to arrays. A reply
     * without that field is unparseable, whatever else it holds.
     */
    static void readJson(InputStream in, Command command, ParseOptions options, String dataField,
                         JsonEntryReader entries) throws CollectorException {
        try (JsonReply reply = JsonReply.open(in, command, options)) {
            boolean[] seen = {false};
            reply.fields(name -> {
                if (name.equals(dataField)) {
                    seen[0] = true;
                    reply.objectEntries(() -> entries.entry(reply));
                } else {
                    reply.skip();
                }
            });
            if (!seen[0]) {
                throw reply.unparseable("a \"" + dataField + "\" field");
            }
        }
    }

    static void read(InputStream in, Command command, ParseOptions options, DumpSink sink,
                     String headerName, HeaderReader headers, MemberReader members) throws CollectorException {
        LineScanner line = new LineScanner(in, command, options);
        Refusals.firstLine(line, command);
        boolean inGroup = false;
        do {
            if (!line.terminated()) {
                throw line.truncated("the last line is cut off");
            }
            if (line.isEmpty()) {
                if (inGroup) {
                    sink.endGroup();
                }
                if (line.next()) {
                    throw line.unparseable("the end of the reply after the closing empty line");
                }
                return;
            }
            if (line.byteAt(0) == '\t') {
                if (!inGroup) {
                    throw line.unparseable(headerName + " before the first tab-indented line");
                }
                members.member(line);
            } else {
                if (inGroup) {
                    sink.endGroup();
                }
                headers.header(line);
                inGroup = true;
            }
        } while (line.next());
        throw line.truncated("no closing empty line");
    }

    /** A watched path: as printed, always absolute, never with a control character. */
    static String path(LineScanner line, int from) throws CollectorException {
        if (line.length() <= from || line.byteAt(from) != '/') {
            throw line.unparseable("an absolute path");
        }
        String path = line.text(from);
        if (hasControlCharacter(path)) {
            throw line.unparseable(NO_CONTROL_CHARACTERS);
        }
        return path;
    }

    /**
     * Checks that the line from {@code from} on is a watched path: absolute, strict UTF-8, no control character.
     * Nearly every path is printable ASCII, which one pass over the bytes shows; only the others are decoded.
     */
    static void checkPath(LineScanner line, int from) throws CollectorException {
        if (line.length() <= from || line.byteAt(from) != '/') {
            throw line.unparseable("an absolute path");
        }
        if (!line.printableAscii(from)) {
            path(line, from);
        }
    }

    /** A watched path from JSON: always absolute, never with a control character (not even quoted back). */
    static String path(JsonReply reply, String text) throws CollectorException {
        if (!text.startsWith("/")) {
            throw reply.unparseable("an absolute path", text);
        }
        if (hasControlCharacter(text)) {
            throw reply.unparseable(NO_CONTROL_CHARACTERS, null);
        }
        return text;
    }

    private static final String NO_CONTROL_CHARACTERS =
            "a path without control characters (ZooKeeper accepts none in a znode path)";

    /**
     * ZooKeeper refuses U+0000-U+001F and U+007F-U+009F in every path it creates, so a reply holding one is not what a
     * server prints. Refusing it here keeps such text out of labels, the API and log lines.
     */
    private static boolean hasControlCharacter(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return true;
            }
        }
        return false;
    }
}
