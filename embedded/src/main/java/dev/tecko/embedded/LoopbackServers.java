package dev.tecko.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sandbox stand-ins' HTTP servers on loopback: on the port asked for when it is free, else on any free one. */
public final class LoopbackServers {
    private static final Logger log = LoggerFactory.getLogger(LoopbackServers.class);

    private LoopbackServers() {
    }

    /** @param port 0 for any free port; a taken port falls back to any free one (and says so) */
    public static HttpServer bind(int port, int backlog, String what) throws IOException {
        if (port != 0) {
            try {
                return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            } catch (BindException taken) {
                log.warn("{}: port {} is taken; listening on another one", what, port);
            }
        }
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
    }
}
