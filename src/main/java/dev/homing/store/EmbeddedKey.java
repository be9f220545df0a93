package dev.homing.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The embedded database's password: 32 random bytes in {@code data/db.key}, the node's user's only, made on first
 * use. A database made before it existed (user "sa", no password) gets it set then. It matters once a node shares its
 * database on loopback ({@link EmbeddedServer}): another local user can reach the port, not the key.
 */
final class EmbeddedKey {
    static final String FILE = "db.key";

    private EmbeddedKey() {
    }

    /** The key, made (and set on the database at {@code fileUrl}, which may not exist yet) when there is none. */
    static String load(Path dir, String fileUrl) {
        Path f = dir.resolve(FILE);
        try {
            if (Files.isRegularFile(f)) {
                return Files.readString(f, StandardCharsets.US_ASCII).strip();
            }
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            String key = HexFormat.of().formatHex(b);
            // set on the database first: a key file whose key the database does not know would lock us out
            try (Connection c = DriverManager.getConnection(fileUrl, "sa", ""); Statement s = c.createStatement()) {
                s.execute("ALTER USER SA SET PASSWORD '" + key + "'");
            }
            Path tmp = OwnerOnly.file(dir, "db", ".key");
            Files.writeString(tmp, key + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot set up the embedded database's key " + f + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("password") ? " (the database has a password this home's"
                    + " data/db.key does not hold)" : ""), e);
        }
    }
}
