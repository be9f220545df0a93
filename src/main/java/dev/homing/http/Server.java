package dev.homing.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;

import java.util.List;
import java.util.function.Consumer;

/**
 * One HTTP server (Javalin on Jetty) and the faces mounted on it side by side: each face registers its own routes
 * ({@code web.PublicPages}, {@code web.Console}, {@code api.Api}, the metrics route); the node's wiring chooses
 * which. No face starts a server of its own.
 */
public final class Server implements AutoCloseable {
    private final Javalin app;

    private Server(Javalin app) {
        this.app = app;
    }

    /** Listens on {@code host:port} (0: a free port) with the given faces' routes. */
    public static Server start(String host, int port, List<Consumer<JavalinConfig>> faces) {
        Javalin app = Javalin.create(config -> faces.forEach(f -> f.accept(config))).start(host, port);
        return new Server(app);
    }

    public int port() {
        return app.port();
    }

    /** Every HTTP route served, as "METHOD path" (the OpenAPI test holds the document to them). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    @Override
    public void close() {
        app.stop();
    }
}
