package io.zkwatch.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A node of the parsed YAML tree together with its key path, with typed getters that report every
 * problem (under the full path) to the shared {@link Problems} and answer empty instead of throwing, so
 * that reading carries on and all errors are found in one pass.
 */
final class YamlNode {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_]+");

    /** What reading needs besides the tree: where errors go, the outside world, relative paths' base. */
    record Context(Problems problems, Environment environment, Optional<Path> baseDir) {
    }

    private final JsonNode node;
    private final String path;
    private final String key;
    private final Context context;

    private YamlNode(JsonNode node, String path, String key, Context context) {
        this.node = node;
        this.path = path;
        this.key = key;
        this.context = context;
    }

    static YamlNode root(JsonNode node, Context context) {
        return new YamlNode(node, "", "", context);
    }

    String path() {
        return path;
    }

    Context context() {
        return context;
    }

    void fail(String reason) {
        context.problems().add(path, reason);
    }

    /** Fails with the value shown first, or withheld when this key names a secret. */
    void failValue(String value, String reason) {
        fail(Values.show(key, value) + " " + reason);
    }

    /** True when this is a mapping; reports each key not in {@code allowed}, naming the allowed ones. */
    boolean mapping(Collection<String> allowed) {
        return mapping(allowed, Set.of());
    }

    /**
     * As {@link #mapping(Collection)}, but keys in {@code reportedElsewhere} are neither reported as unknown
     * nor listed as allowed: the caller rejects them with a reason of its own.
     */
    boolean mapping(Collection<String> allowed, Collection<String> reportedElsewhere) {
        if (!anyMapping()) {
            return false;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name) && !reportedElsewhere.contains(name)) {
                String hint = Suggestions.closest(name, allowed).map(s -> " (did you mean " + s + "?)").orElse("");
                context.problems().add(childPath(name), "unknown key" + hint + "; allowed keys: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return true;
    }

    /** True when this is a mapping, whatever its keys. */
    boolean anyMapping() {
        if (!node.isObject()) {
            fail("expected a mapping of keys, got " + describe());
            return false;
        }
        return true;
    }

    boolean has(String name) {
        return node.has(name);
    }

    /** The child at {@code name}, if given with a value; an explicit empty value is reported. */
    Optional<YamlNode> field(String name) {
        JsonNode child = node.get(name);
        if (child == null) {
            return Optional.empty();
        }
        YamlNode wrapped = new YamlNode(child, childPath(name), name, context);
        if (child.isNull()) {
            wrapped.fail("has no value; give one or remove the key");
            return Optional.empty();
        }
        return Optional.of(wrapped);
    }

    /** A required child: reported as missing when absent. */
    Optional<YamlNode> required(String name, String what) {
        if (!node.has(name)) {
            context.problems().add(childPath(name), "missing; " + what);
        }
        return field(name);
    }

    /**
     * The entries of a mapping whose keys are data, not names (such as members), each keyed
     * {@code path["key"]}, in file order. Only call after {@link #anyMapping} said yes.
     */
    List<Map.Entry<String, YamlNode>> entries() {
        List<Map.Entry<String, YamlNode>> out = new ArrayList<>();
        node.fields().forEachRemaining(e -> out.add(Map.entry(e.getKey(),
                new YamlNode(e.getValue(), path + "[" + Values.quote(e.getKey()) + "]", e.getKey(), context))));
        return out;
    }

    Optional<List<YamlNode>> list() {
        if (!node.isArray()) {
            fail("expected a list, got " + describe());
            return Optional.empty();
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(node.get(i), path + "[" + i + "]", key, context));
        }
        return Optional.of(out);
    }

    Optional<String> string() {
        return typed(JsonNode::isTextual, "a string", JsonNode::textValue);
    }

    Optional<Boolean> bool() {
        return typed(JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
    }

    /** A whole number in {@code [min, max]}. */
    Optional<Long> integer(long min, long max) {
        return typed(JsonNode::isIntegralNumber, "a whole number", n -> n).flatMap(n -> {
            if (!n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
                failValue(n.asText(), "is out of range (must be " + min + "-" + max + ")");
                return Optional.empty();
            }
            return Optional.of(n.longValue());
        });
    }

    Optional<Double> number() {
        return typed(JsonNode::isNumber, "a number", JsonNode::doubleValue);
    }

    /** The value, when {@code is} says the node has the {@code expected} type; else reported. */
    private <T> Optional<T> typed(Predicate<JsonNode> is, String expected, Function<JsonNode, T> value) {
        if (!is.test(node)) {
            fail("expected " + expected + ", got " + describe());
            return Optional.empty();
        }
        return Optional.of(value.apply(node));
    }

    /** A string run through {@code parser}, whose {@link IllegalArgumentException} message is the reason. */
    <T> Optional<T> parsed(Function<String, T> parser) {
        return string().flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (IllegalArgumentException e) {
                failValue(text, e.getMessage());
                return Optional.empty();
            }
        });
    }

    Optional<Duration> duration() {
        if (node.isNumber()) {
            failValue(node.asText(), "has no unit; write a duration, " + Durations.EXAMPLES);
            return Optional.empty();
        }
        return parsed(Durations::parse);
    }

    /** A byte size, as plain bytes or with a unit, at most {@code max}. */
    Optional<Long> size(long max) {
        Optional<Long> bytes;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            bytes = Optional.of(node.longValue());
        } else if (node.isNumber()) {
            failValue(node.asText(), "is not a whole number of bytes");
            return Optional.empty();
        } else {
            bytes = parsed(ByteSizes::parse);
        }
        if (bytes.isPresent() && bytes.get() > max) {
            String limit = ByteSizes.format(max);
            failValue(node.asText(), "is too large (at most " + limit + (limit.equals(Long.toString(max)) ? " bytes)" : ")"));
            return Optional.empty();
        }
        return bytes;
    }

    <E extends Enum<E> & ConfigName> Optional<E> choice(Class<E> type) {
        String choices = ConfigName.choices(type);
        if (node.isBoolean()) {
            fail("expected one of " + choices + ", got a boolean (YAML reads unquoted yes, no, on and off as"
                    + " booleans)");
            return Optional.empty();
        }
        return parsed(text -> ConfigName.find(type, text)
                .orElseThrow(() -> new IllegalArgumentException(ConfigName.notAChoice(type, text))));
    }

    /** A path, relative ones taken from the configuration file's directory, that must be fit for {@code use}. */
    Optional<Path> file(Environment.FileUse use) {
        return string().flatMap(text -> {
            if (text.isEmpty()) {
                fail("is empty; give a path");
                return Optional.empty();
            }
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                failValue(text, "is not a valid path");
                return Optional.empty();
            }
            Path resolved = (context.baseDir().isPresent() ? context.baseDir().get().resolve(path) : path)
                    .toAbsolutePath().normalize();
            Optional<String> problem = context.environment().fileProblem(resolved, use);
            problem.ifPresent(reason -> failValue(resolved.toString(), reason));
            return problem.isEmpty() ? Optional.of(resolved) : Optional.empty();
        });
    }

    private String childPath(String name) {
        String segment = PLAIN_KEY.matcher(name).matches() ? name : "[" + Values.quote(name) + "]";
        if (path.isEmpty()) {
            return segment;
        }
        return segment.startsWith("[") ? path + segment : path + "." + segment;
    }

    private String describe() {
        switch (node.getNodeType()) {
            case OBJECT:
                return "a mapping";
            case ARRAY:
                return "a list";
            case BOOLEAN:
                return "a boolean";
            case NULL:
            case MISSING:
                return "nothing";
            case NUMBER:
                return Values.isSecretKey(key) ? "a number" : "the number " + node.asText();
            case STRING:
                return Values.isSecretKey(key) ? "a string" : "the string " + Values.quote(node.textValue());
            default:
                return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
