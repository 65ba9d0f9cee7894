package dev.tecko.dispatcher.keboola;

import java.net.URI;
import java.util.Locale;

/**
 * The Job Queue API's base URL for a stack: {@code https://connection.X} becomes {@code https://queue.X}, as TeckoChecker
 * did. A URL whose host is not a {@code connection.} host (a queue URL, or the sandbox on loopback) is used as is.
 */
public final class QueueUrls {
    private static final String CONNECTION = "connection.";

    private QueueUrls() {
    }

    public static String of(String stackUrl) {
        URI uri = URI.create(stackUrl.strip());
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("stack URL has no host: " + stackUrl);
        }
        String queueHost = host.toLowerCase(Locale.ROOT).startsWith(CONNECTION) ? "queue." + host.substring(CONNECTION.length()) : host;
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + queueHost + port + path;
    }
}
