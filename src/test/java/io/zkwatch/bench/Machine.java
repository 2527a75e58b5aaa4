package io.zkwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the figures were measured on: CPU model and count, memory, JVM, kernel. */
final class Machine {

    private Machine() {
    }

    static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", first("/proc/cpuinfo", "model name\\s*:\\s*(.+)"));
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("memory", first("/proc/meminfo", "MemTotal:\\s*(.+)"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("load", first("/proc/loadavg", "^(\\S+ \\S+ \\S+)"));
        return m;
    }

    private static String first(String file, String regex) {
        try {
            Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(Path.of(file)));
            return matcher.find() ? matcher.group(1).strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
