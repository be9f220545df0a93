package dev.homing.store;

import org.h2.tools.Server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How the commands run beside a delivering node reach its embedded database: the node serves it with H2's TCP
 * server on 127.0.0.1 only (bound there, and H2 refuses other hosts without {@code -tcpAllowOthers}), for the
 * existing database of its own data folder only, behind the database's key; the port is written to
 * {@code data/db-server} (owner-only) while it serves. H2's own AUTO_SERVER mode is not used: it listens on
 * every interface.
 */
public final class EmbeddedServer implements AutoCloseable {
    static final String FILE = "db-server";

    private final Server server;
    private final Path file;

    private EmbeddedServer(Server server, Path file) {
        this.server = server;
        this.file = file;
    }

    /** Starts serving the database of {@code dir} (its {@code homing} file) on a free loopback port. */
    static EmbeddedServer start(Path dir) {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new StoreException("cannot find a free loopback port to share the database on: " + e.getMessage(), e);
        }
        Server server;
        try {
            server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifExists", "-tcpDaemon", "-baseDir",
                    dir.toAbsolutePath().toString()).start();
        } catch (SQLException e) {
            throw new StoreException("cannot share the database on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        Path f = dir.resolve(FILE);
        try {
            Path tmp = OwnerOnly.file(dir, "db-server", ".tmp");
            Files.writeString(tmp, port + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            server.stop();
            throw new StoreException("cannot write " + f + ": " + e.getMessage(), e);
        }
        return new EmbeddedServer(server, f);
    }

    /** The JDBC URL of the database a running node shares from {@code dir}, when one does and its port answers. */
    static Optional<String> url(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        int port;
        try {
            port = Integer.parseInt(Files.readString(f, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        } catch (IOException e) {
            return Optional.empty(); // a node that stopped without removing it (killed): nothing serves there
        }
        return Optional.of("jdbc:h2:tcp://127.0.0.1:" + port + "/homing;IFEXISTS=TRUE");
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the next node overwrites it; a command finds nothing listening there and opens the file itself
        }
        server.stop();
    }
}
