package io.zkwatch.collectors.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;

/**
 * Streams one AdminServer reply: a JSON object whose data fields come first and whose {@code "command"} and
 * {@code "error"} fields come last.
 *
 * <p>Jackson's streaming parser, never a tree of the whole dump and never a {@code double} for an id. Its
 * errors are mapped to typed failures: input that stops early is {@link FailureKind#TRUNCATED}, bad JSON is
 * {@link FailureKind#UNPARSEABLE} with the line, and a string longer than the line cap is
 * {@link FailureKind#TOO_LARGE}. Jackson's own messages quote the input, so with redaction on they are dropped.
 */
final class JsonReply implements AutoCloseable {

    /** Consumes the value of one field; the parser is on the value's first token and must end on its last. */
    interface FieldHandler {
        void field(String name) throws CollectorException;
    }

    /** Consumes one element of an array or one entry of an object, positioned as for {@link FieldHandler}. */
    interface ElementHandler {
        void element() throws CollectorException;
    }

    private final JsonParser parser;
    private final Command command;
    private final ParseOptions options;

    private JsonReply(JsonParser parser, Command command, ParseOptions options) {
        this.parser = parser;
        this.command = command;
        this.options = options;
    }

    /** Opens the reply and reads the opening brace: an empty reply or a non-object (an HTML page) fails. */
    static JsonReply open(InputStream in, Command command, ParseOptions options) throws CollectorException {
        JsonFactory factory = JsonFactory.builder()
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(options.maxLineLength()).build())
                .build();
        JsonReply reply;
        try {
            reply = new JsonReply(factory.createParser(in), command, options);
        } catch (IOException e) {
            throw new CollectorException(FailureKind.IO, command.adminName() + ": reading the reply failed: " + e, e);
        }
        JsonToken first = reply.nextOrNull();
        if (first == null) {
            throw new CollectorException(FailureKind.EMPTY_REPLY, command.adminName() + ": empty reply");
        }
        if (first != JsonToken.START_OBJECT) {
            throw reply.unparseable("a JSON object");
        }
        return reply;
    }

    /**
     * Walks the top-level fields, handing data fields to {@code handler}; an {@code "error"} that is not null
     * becomes the matching failure, and anything after the closing brace is unparseable.
     */
    void fields(FieldHandler handler) throws CollectorException {
        while (next() != JsonToken.END_OBJECT) {
            String name = name();
            JsonToken value = next();
            if (name.equals("command")) {
                skip();
            } else if (name.equals("error")) {
                if (value == JsonToken.VALUE_STRING) {
                    throw Refusals.adminError(command, string());
                }
                if (value != JsonToken.VALUE_NULL) {
                    throw unparseable("a string or null error");
                }
            } else {
                handler.field(name);
            }
        }
        if (nextOrNull() != null) {
            throw unparseable("the end of the reply");
        }
    }

    /** Calls {@code handler} for each entry of the object the parser is on; {@link #name()} gives the key. */
    void objectEntries(ElementHandler handler) throws CollectorException {
        expect(JsonToken.START_OBJECT, "an object");
        while (next() != JsonToken.END_OBJECT) {
            next();
            handler.element();
        }
    }

    /** Calls {@code handler} for each element of the array the parser is on. */
    void arrayElements(ElementHandler handler) throws CollectorException {
        expect(JsonToken.START_ARRAY, "an array");
        while (next() != JsonToken.END_ARRAY) {
            handler.element();
        }
    }

    JsonToken current() {
        return parser.currentToken();
    }

    /** The current field name (also valid while on that field's value). */
    String name() throws CollectorException {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw map(e);
        }
    }

    /** The next token; the end of input inside the document means the reply was cut. */
    JsonToken next() throws CollectorException {
        JsonToken t = nextOrNull();
        if (t == null) {
            throw new CollectorException(FailureKind.TRUNCATED,
                    command.adminName() + ": JSON ends early at line " + line());
        }
        return t;
    }

    private JsonToken nextOrNull() throws CollectorException {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw map(e);
        }
    }

    void expect(JsonToken token, String what) throws CollectorException {
        if (parser.currentToken() != token) {
            throw unparseable(what);
        }
    }

    String string() throws CollectorException {
        expect(JsonToken.VALUE_STRING, "a string");
        try {
            return parser.getText();
        } catch (IOException e) {
            throw map(e);
        }
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** An integral number that fits a long, read exactly; fractions, exponents and overflow are unparseable. */
    long exactLong() throws CollectorException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw unparseable("an integer");
        }
        try {
            JsonParser.NumberType type = parser.getNumberType();
            if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                throw unparseable("an integer within 64 bits");
            }
            return parser.getLongValue();
        } catch (IOException e) {
            throw map(e);
        }
    }

    /** A number that may be fractional (latencies), as a double. */
    double decimal() throws CollectorException {
        if (!parser.currentToken().isNumeric()) {
            throw unparseable("a number");
        }
        try {
            return parser.getDoubleValue();
        } catch (IOException e) {
            throw map(e);
        }
    }

    boolean bool() throws CollectorException {
        JsonToken t = parser.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw unparseable("true or false");
        }
        return t == JsonToken.VALUE_TRUE;
    }

    /** A decimal id written as an object key (JSON keys are strings): digits only, within 64 bits. */
    long decimalKey(String key) throws CollectorException {
        int start = key.startsWith("-") ? 1 : 0;
        if (key.length() == start || key.length() > 20) {
            throw unparseable("a decimal session id key");
        }
        for (int i = start; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                throw unparseable("a decimal session id key");
            }
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw unparseable("a session id key within 64 bits");
        }
    }

    /**
     * The current value as text: strings as they are, numbers and literals as written, objects and arrays as
     * compact JSON.
     */
    String valueText() throws CollectorException {
        JsonToken t = parser.currentToken();
        try {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                StringWriter out = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                    g.copyCurrentStructure(parser);
                }
                return out.toString();
            }
            return parser.getText();
        } catch (IOException e) {
            throw map(e);
        }
    }

    void skip() throws CollectorException {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw map(e);
        }
    }

    CollectorException unparseable(String expected) {
        String text = null;
        if (parser.currentToken() != null) {
            try {
                text = parser.getText();
            } catch (IOException | RuntimeException e) {
                text = null;
            }
        }
        return unparseable(expected, text);
    }

    /** As {@link #unparseable(String)}, naming the offending text (shown only without redaction). */
    CollectorException unparseable(String expected, String offending) {
        String got = "";
        if (!options.redactPaths() && offending != null) {
            got = " (got " + (offending.length() > 60 ? offending.substring(0, 60) + "..." : offending) + ")";
        }
        return new CollectorException(FailureKind.UNPARSEABLE,
                command.adminName() + " line " + line() + ": expected " + expected + got);
    }

    private int line() {
        JsonLocation loc = parser.currentLocation();
        return loc == null ? 0 : loc.getLineNr();
    }

    private CollectorException map(IOException e) {
        String where = command.adminName() + " line " + line();
        if (e instanceof JsonEOFException) {
            return new CollectorException(FailureKind.TRUNCATED, where + ": JSON ends early");
        }
        if (e instanceof StreamConstraintsException) {
            return new CollectorException(FailureKind.TOO_LARGE,
                    where + ": a value is longer than " + options.maxLineLength() + " bytes");
        }
        if (e instanceof JsonProcessingException j) {
            String detail = options.redactPaths() ? "" : ": " + j.getOriginalMessage();
            return new CollectorException(FailureKind.UNPARSEABLE, where + ": malformed JSON" + detail);
        }
        return new CollectorException(FailureKind.IO, command.adminName() + ": reading the reply failed: " + e, e);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // The stream belongs to the reply's spool, which is closed by its owner.
        }
    }
}
