package io.zkwatch.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of Grafana's dashboard JSON model to write zkwatch's dashboards from {@link ZkwatchDashboards}:
 * panels flow left to right into a 24-column grid, every panel and query uses the {@code $datasource} variable,
 * ids are assigned in order, and the output is stable, indented JSON so that a change reviews as a small diff.
 */
final class Grafana {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Every panel and query reads from the dashboard's data source variable, never from a fixed uid. */
    static final String DATASOURCE = "${datasource}";
    static final int GRID_WIDTH = 24;

    private Grafana() {
    }

    static ObjectNode datasource() {
        return JSON.createObjectNode().put("type", "prometheus").put("uid", DATASOURCE);
    }

    /** Grafana's own export style: two-space indent, {@code "key": value}, one array element per line. */
    static String pretty(ObjectNode node) {
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("")
                        .withObjectEmptySeparator(""));
        printer.indentObjectsWith(indent);
        printer.indentArraysWith(indent);
        try {
            return JSON.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One dashboard: fixed uid, {@code "id": null}, no {@code version}, variables datasource/ensemble/server. */
    static final class Dashboard {
        private final String uid;
        private final String title;
        private final String description;
        private final List<ObjectNode> panels = new ArrayList<>();
        private int x;
        private int y;
        private int lineHeight;

        Dashboard(String uid, String title, String description) {
            this.uid = uid;
            this.title = title;
            this.description = description;
        }

        String uid() {
            return uid;
        }

        Dashboard row(String rowTitle) {
            newLine();
            ObjectNode row = JSON.createObjectNode().put("type", "row").put("title", rowTitle).put("collapsed", false);
            row.set("gridPos", grid(GRID_WIDTH, 1));
            row.putArray("panels");
            panels.add(row);
            y += 1;
            return this;
        }

        Dashboard add(Panel p) {
            if (x + p.width > GRID_WIDTH) {
                newLine();
            }
            ObjectNode node = p.node.deepCopy();
            node.set("gridPos", grid(p.width, p.height));
            panels.add(node);
            x += p.width;
            lineHeight = Math.max(lineHeight, p.height);
            return this;
        }

        private void newLine() {
            if (x > 0) {
                y += lineHeight;
            }
            x = 0;
            lineHeight = 0;
        }

        private ObjectNode grid(int w, int h) {
            return JSON.createObjectNode().put("h", h).put("w", w).put("x", x).put("y", y);
        }

        ObjectNode toJson() {
            ObjectNode d = JSON.createObjectNode();
            d.put("uid", uid);
            d.putNull("id");
            d.put("title", title);
            d.put("description", description);
            d.putArray("tags").add("zookeeper").add("zkwatch");
            d.put("editable", true);
            d.put("graphTooltip", 1);
            d.put("schemaVersion", 39);
            d.put("refresh", "30s");
            d.putObject("time").put("from", "now-6h").put("to", "now");
            d.put("timezone", "");
            d.putObject("annotations").putArray("list");
            d.putArray("links").addObject().put("title", "zkwatch").put("type", "dashboards")
                    .put("asDropdown", true).put("includeVars", true).put("keepTime", true)
                    .putArray("tags").add("zkwatch");
            d.putObject("templating").set("list", variables());
            ArrayNode out = d.putArray("panels");
            int id = 1;
            for (ObjectNode p : panels) {
                ObjectNode copy = JSON.createObjectNode().put("id", id++);
                copy.setAll(p);
                out.add(copy);
            }
            return d;
        }

        private static ArrayNode variables() {
            ArrayNode list = JSON.createArrayNode();
            list.addObject().put("name", "datasource").put("label", "Data source").put("type", "datasource")
                    .put("query", "prometheus").put("regex", "").put("hide", 0).put("includeAll", false)
                    .put("multi", false).putObject("current");
            list.add(queryVariable("ensemble", "Ensemble", "label_values(zkwatch_up, ensemble)", false));
            list.add(queryVariable("server", "Member",
                    "label_values(zkwatch_up{ensemble=\"$ensemble\"}, server)", true));
            return list;
        }

        private static ObjectNode queryVariable(String name, String label, String query, boolean all) {
            ObjectNode v = JSON.createObjectNode().put("name", name).put("label", label).put("type", "query");
            v.set("datasource", datasource());
            v.put("definition", query);
            v.putObject("query").put("qryType", 1).put("query", query)
                    .put("refId", "PrometheusVariableQueryEditor-VariableQuery");
            v.put("refresh", 2).put("sort", 1).put("regex", "").put("hide", 0);
            v.put("includeAll", all).put("multi", all);
            if (all) {
                v.put("allValue", ".*");
                ObjectNode current = v.putObject("current");
                current.putArray("text").add("All");
                current.putArray("value").add("$__all");
            } else {
                v.putObject("current");
            }
            return v;
        }
    }

    /** One panel; size in grid units (24 columns wide). */
    static final class Panel {
        private final ObjectNode node = JSON.createObjectNode();
        private final int width;
        private final int height;
        private char nextRef = 'A';

        private Panel(String type, String title, int width, int height) {
            this.width = width;
            this.height = height;
            node.put("type", type).put("title", title);
            node.set("datasource", datasource());
            node.putArray("targets");
            node.putObject("fieldConfig").putObject("defaults");
            ((ObjectNode) node.get("fieldConfig")).putArray("overrides");
            node.putObject("options");
        }

        static Panel stat(String title, int w, int h) {
            Panel p = new Panel("stat", title, w, h);
            p.option("reduceOptions", lastValue()).option("colorMode", "value").option("graphMode", "area")
                    .option("textMode", "auto");
            return p;
        }

        /** Show each series' latest value (not a sum over the time range). */
        private static ObjectNode lastValue() {
            ObjectNode reduce = JSON.createObjectNode().put("values", false).put("fields", "");
            reduce.putArray("calcs").add("lastNotNull");
            return reduce;
        }

        static Panel timeseries(String title, int w, int h) {
            Panel p = new Panel("timeseries", title, w, h);
            p.option("legend", JSON.createObjectNode().put("displayMode", "table").put("placement", "right")
                    .put("showLegend", true));
            p.option("tooltip", JSON.createObjectNode().put("mode", "multi").put("sort", "desc"));
            return p;
        }

        static Panel table(String title, int w, int h) {
            Panel p = new Panel("table", title, w, h);
            p.option("showHeader", true).option("cellHeight", "sm");
            return p;
        }

        static Panel bars(String title, int w, int h) {
            Panel p = new Panel("bargauge", title, w, h);
            p.option("orientation", "horizontal").option("displayMode", "basic").option("showUnfilled", true)
                    .option("valueMode", "color").option("namePlacement", "left");
            p.option("reduceOptions", lastValue());
            return p;
        }

        static Panel states(String title, int w, int h) {
            Panel p = new Panel("state-timeline", title, w, h);
            p.option("showValue", "never").option("mergeValues", true).option("rowHeight", 0.8);
            return p;
        }

        Panel description(String text) {
            node.put("description", text);
            return this;
        }

        /** A range query, drawn over time. */
        Panel query(String expr, String legend) {
            target(expr, legend).put("range", true).put("instant", false);
            return this;
        }

        /** An instant query: the latest value only. */
        Panel instant(String expr, String legend) {
            target(expr, legend).put("range", false).put("instant", true);
            return this;
        }

        /** An instant query as table rows, one column per label. */
        Panel rows(String expr) {
            target(expr, "__auto").put("range", false).put("instant", true).put("format", "table");
            return this;
        }

        private ObjectNode target(String expr, String legend) {
            ObjectNode t = ((ArrayNode) node.get("targets")).addObject();
            t.set("datasource", datasource());
            t.put("refId", String.valueOf(nextRef++)).put("expr", expr).put("legendFormat", legend);
            return t;
        }

        Panel unit(String unit) {
            defaults().put("unit", unit);
            return this;
        }

        Panel range(double min, double max) {
            defaults().put("min", min).put("max", max);
            return this;
        }

        Panel decimals(int n) {
            defaults().put("decimals", n);
            return this;
        }

        /** Colour steps: green below the first limit, then each colour from its limit on. */
        Panel thresholds(Object... limitsAndColours) {
            ObjectNode t = defaults().putObject("thresholds").put("mode", "absolute");
            ArrayNode steps = t.putArray("steps");
            steps.addObject().put("color", "green").putNull("value");
            for (int i = 0; i < limitsAndColours.length; i += 2) {
                steps.addObject().put("color", (String) limitsAndColours[i + 1])
                        .put("value", ((Number) limitsAndColours[i]).doubleValue());
            }
            defaults().putObject("color").put("mode", "thresholds");
            return this;
        }

        /** Value-to-text mappings such as 1 = up, 0 = down, with a colour each. */
        Panel mapping(String value, String text, String colour) {
            ArrayNode mappings = defaults().has("mappings") ? (ArrayNode) defaults().get("mappings")
                    : defaults().putArray("mappings");
            ObjectNode m = mappings.addObject().put("type", "value");
            m.putObject("options").putObject(value).put("text", text).put("color", colour);
            return this;
        }

        Panel stacked() {
            defaults().putObject("custom").putObject("stacking").put("mode", "normal").put("group", "A");
            return this;
        }

        Panel option(String key, Object value) {
            ObjectNode options = (ObjectNode) node.get("options");
            if (value instanceof ObjectNode o) {
                options.set(key, o);
            } else if (value instanceof Boolean b) {
                options.put(key, b);
            } else if (value instanceof Number n) {
                options.put(key, n.doubleValue());
            } else {
                options.put(key, String.valueOf(value));
            }
            return this;
        }

        /** A Grafana transformation, for example {@code merge} or {@code organize}, applied in order. */
        Panel transform(String id, ObjectNode options) {
            ArrayNode list = node.has("transformations") ? (ArrayNode) node.get("transformations")
                    : node.putArray("transformations");
            list.addObject().put("id", id).set("options", options);
            return this;
        }

        /** Renames columns, pairs of (from, to), and hides the label columns that say nothing in a table. */
        Panel renameColumns(String... pairs) {
            return organize(List.of(), pairs);
        }

        /**
         * Grafana's {@code organize} transformation: hides {@code hidden} and the columns every instant table has
         * (time, name, job, instance, ensemble), and renames columns in (from, to) pairs.
         */
        Panel organize(List<String> hidden, String... renamePairs) {
            ObjectNode options = JSON.createObjectNode();
            ObjectNode exclude = options.putObject("excludeByName");
            for (String c : List.of("Time", "__name__", "job", "instance", "ensemble")) {
                exclude.put(c, true);
            }
            hidden.forEach(c -> exclude.put(c, true));
            ObjectNode rename = options.putObject("renameByName");
            for (int i = 0; i < renamePairs.length; i += 2) {
                rename.put(renamePairs[i], renamePairs[i + 1]);
            }
            return transform("organize", options);
        }

        Panel sortBy(String column, boolean descending) {
            ObjectNode options = JSON.createObjectNode();
            options.putArray("sort").addObject().put("field", column).put("desc", descending);
            return transform("sortBy", options);
        }

        private ObjectNode defaults() {
            return (ObjectNode) node.get("fieldConfig").get("defaults");
        }
    }
}
