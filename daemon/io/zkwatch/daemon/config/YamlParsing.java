package io.zkwatch.daemon.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * YAML text to a Jackson tree, strictly: a key given twice, an alias ({@code *name}, which Jackson would
 * read as the plain string "name") and a second document are errors, not silent surprises.
 *
 * <p>Syntax errors report the line, the column and the parser's description of the problem, but never the
 * parser's echo of the offending line, which may hold a secret.
 */
final class YamlParsing {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private YamlParsing() {
    }

    /** The single document in {@code yaml}. */
    static JsonNode parse(byte[] yaml) {
        return parse(yaml, "the file is empty; it needs at least an ensembles: list");
    }

    /** The single document in {@code yaml}; an empty one fails with {@code whenEmpty}. */
    static JsonNode parse(byte[] yaml, String whenEmpty) {
        try (JsonParser parser = new AliasRejecting((YAMLParser) MAPPER.createParser(yaml))) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new ConfigException("", whenEmpty);
            }
            if (parser.nextToken() != null) {
                throw new ConfigException("", "the file holds more than one YAML document (---); zkwatch reads one");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ConfigException("", describe(e));
        } catch (IOException e) {
            throw new ConfigException("", "the file cannot be read as YAML (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String describe(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                return "YAML syntax error at line " + (yaml.getProblemMark().getLine() + 1) + ", column "
                        + (yaml.getProblemMark().getColumn() + 1) + ": " + yaml.getProblem();
            }
        }
        // Past the scanner, Jackson's column is where it stopped reading, not where the mistake is: line only.
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            return "YAML error" + where + ": the key " + Values.quote(duplicate.group(1))
                    + " is given twice in one mapping";
        }
        if (e instanceof AliasException) {
            return "YAML error" + where + ": " + e.getOriginalMessage();
        }
        return "YAML error" + where + ": the file cannot be read as YAML";
    }

    /** Fails on YAML aliases, which Jackson's tree reader does not resolve. */
    private static final class AliasRejecting extends JsonParserDelegate {
        private final YAMLParser yaml;

        AliasRejecting(YAMLParser yaml) {
            super(yaml);
            this.yaml = yaml;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (yaml.isCurrentAlias()) {
                throw new AliasException(this);
            }
            return token;
        }
    }

    private static final class AliasException extends JsonParseException {
        private static final long serialVersionUID = 1L;

        AliasException(JsonParser parser) {
            super(parser, "YAML aliases (*name) are not supported; write the value out in full");
        }
    }
}
