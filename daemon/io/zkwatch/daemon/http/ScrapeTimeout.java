package io.zkwatch.daemon.http;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code X-Prometheus-Scrape-Timeout-Seconds} header, which Prometheus sends with every scrape. zkwatch renders
 * from cached snapshots and never waits on ZooKeeper during a scrape, so it does not shorten its work to fit; it
 * uses the header to say, in its log, when a render took longer than the scraper was willing to wait. The header
 * comes from the network: anything but a positive, finite number of seconds up to a day is ignored.
 */
final class ScrapeTimeout {

    static final String HEADER = "X-Prometheus-Scrape-Timeout-Seconds";
    /** Prometheus caps scrape_timeout at the scrape interval; a day is far beyond any real one. */
    private static final double MAX_SECONDS = 86_400;
    private static final int MAX_LENGTH = 32;

    private ScrapeTimeout() {
    }

    /** The timeout the header gives, or empty when it is absent or unusable. */
    static Optional<Duration> parse(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        double seconds;
        try {
            seconds = Double.parseDouble(header.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!(seconds > 0) || seconds > MAX_SECONDS) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    /** The header's value made safe for a log line: short, without control characters. */
    static String printable(String header) {
        String cut = header.length() > MAX_LENGTH ? header.substring(0, MAX_LENGTH) + "..." : header;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
