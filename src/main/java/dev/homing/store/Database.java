package dev.homing.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** One database: a pooled DataSource, migrated on open; every package reads and writes it with plain JDBC. */
public final class Database implements AutoCloseable {
    static {
        // H2 binds any server it runs (EmbeddedServer) to this address; read once when its classes load, which is after this
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final HikariDataSource dataSource;
    private final boolean embedded;
    /** The embedded database's data folder when this process owns its files, else null (PostgreSQL, or a node's share). */
    private volatile Path ownedDir;
    /** True when this is a running node's embedded database reached through its loopback server. */
    private volatile boolean shared;

    private Database(HikariDataSource dataSource, boolean embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    /** The embedded H2 file database under {@code home/data}, created on first use. */
    public static Database embedded(Path home) {
        Path dir = home.resolve("data");
        try {
            // subscribers, secrets and stored mail: the node's user only
            OwnerOnly.folder(dir);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the data folder " + dir + ": " + e.getMessage(), e);
        }
        // WRITE_DELAY=0: a commit reaches the operating system at once, so a killed process loses
        // no committed transaction (power loss is covered by the dot journal, which fsyncs).
        // CACHE_SIZE (KB): 128 MB of page cache keeps a million-delivery queue's hot pages in memory, but never more than a
        // quarter of the heap: the cache fills with whatever was written last (a large received message too), and a node
        // started with a small heap must not run out of memory for its own cache.
        long cacheKb = Math.min(131072, Runtime.getRuntime().maxMemory() / 4 / 1024);
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("homing") + ";WRITE_DELAY=0;CACHE_SIZE=" + cacheKb + ";DB_CLOSE_ON_EXIT=FALSE";
        // a node delivering from this home holds the files and shares them on loopback: work through it (issue 20)
        java.util.Optional<String> served = EmbeddedServer.url(dir);
        if (served.isPresent() && Files.isRegularFile(dir.resolve(EmbeddedKey.FILE))) {
            try {
                Database db = open(served.get(), "sa", EmbeddedKey.load(dir, url), true);
                db.shared = true;
                return db;
            } catch (StoreException e) {
                // it stopped meanwhile: its files are free, open them below
            }
        }
        Database db;
        try {
            db = open(url, "sa", EmbeddedKey.load(dir, url), true);
        } catch (StoreException e) {
            if (e.getMessage().contains("another Homing process has it open")) {
                throw new StoreException("another Homing process has this home's database open (" + dir + "), and it does not share it:"
                        + " a node shares it while it delivers ('serve', 'run', 'demo'); wait for that process, or use PostgreSQL", e);
            }
            throw e;
        }
        db.ownedDir = dir;
        try {
            // H2 made its files with the process's umask: narrowed to the owner, here and on every start
            OwnerOnly.tighten(dir);
        } catch (java.io.IOException e) {
            db.close();
            throw new StoreException("cannot restrict the data folder " + dir + " to its owner: " + e.getMessage(), e);
        }
        return db;
    }

    /**
     * A database given as {@code postgresql://user:password@host:port/database} (the libpq form
     * operators know) or as a JDBC URL; user and password in the URL win over the ones given.
     */
    public static Database fromUrl(String url, String user, String password) {
        String u = url.strip();
        if (u.startsWith("postgresql://") || u.startsWith("postgres://")) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(u);
            } catch (IllegalArgumentException e) {
                throw new StoreException("the database URL " + redact(u) + " is not a URL: " + e.getMessage(), e);
            }
            String who = user;
            String secret = password;
            if (uri.getRawUserInfo() != null) {
                String[] up = uri.getRawUserInfo().split(":", 2);
                who = java.net.URLDecoder.decode(up[0], java.nio.charset.StandardCharsets.UTF_8);
                secret = up.length > 1 ? java.net.URLDecoder.decode(up[1], java.nio.charset.StandardCharsets.UTF_8) : "";
            }
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new StoreException("the database URL " + redact(u) + " needs a host and a database: postgresql://user:password@host:5432/name", null);
            }
            String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return open(jdbc, who, secret);
        }
        if (!u.startsWith("jdbc:")) {
            throw new StoreException("the database URL " + redact(u) + " is neither postgresql://... nor jdbc:...", null);
        }
        return open(u, user, password);
    }

    /** A database given by JDBC URL (jdbc:h2:... or jdbc:postgresql://...). */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, jdbcUrl.startsWith("jdbc:h2:"));
    }

    private static Database open(String jdbcUrl, String user, String password, boolean embedded) {
        if (!embedded) {
            refusedAtOnce(jdbcUrl, user, password);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("homing-db");
        config.setInitializationFailTimeout(10_000);
        // a lost database shows within seconds (a cluster node stops sending before its leases lapse anyway)
        config.setConnectionTimeout(5_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            String why = rootMessage(e);
            if (embedded && why.contains("already in use")) {
                why = "another Homing process has it open (the embedded database serves one process; use PostgreSQL for several)";
            }
            // a server still starting when asked first (57P03) may refuse the credentials only on the pool's retry
            throw cannotOpen(jdbcUrl, embedded ? null : user, why, e);
        }
        try {
            // one schema for both; where their types differ, a placeholder names each one's
            Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                    .placeholders(java.util.Map.of("large_binary", embedded ? "BLOB" : "BYTEA")).load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot migrate the database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        return new Database(ds, embedded);
    }

    /**
     * One plain connection first: a server that answers but refuses the credentials or does not have the
     * database will not change its mind, so that is said at once instead of after the pool's wait (which
     * is for a server still starting or out of reach).
     */
    private static void refusedAtOnce(String jdbcUrl, String user, String password) {
        java.util.Properties p = new java.util.Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "5");
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl, p)) {
            c.isValid(1);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            // 28: invalid authorization (wrong user or password, no pg_hba entry); 3D000: no such database
            if (state.startsWith("28") || state.equals("3D000")) {
                throw cannotOpen(jdbcUrl, user, "the server refused: " + e.getMessage(), e);
            }
        }
    }

    public boolean embedded() {
        return embedded;
    }

    /** True when this is a running node's embedded database, reached through the loopback server it shares it on. */
    public boolean shared() {
        return shared;
    }

    /**
     * Shares this embedded database with the commands run beside this process (status, reports, lists, keys) on a
     * loopback port until closed; nothing for PostgreSQL (every process reaches it) or a database already shared to us.
     */
    public AutoCloseable share() {
        Path dir = ownedDir;
        if (dir == null) {
            return () -> { };
        }
        return EmbeddedServer.start(dir);
    }

    /** A pooled connection; close it (try-with-resources) to give it back. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&;]*", "password=***").replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@");
    }

    /**
     * The one message for a database that could not be opened, from the first connection or the pool: the URL without its
     * password, the user when there is one, why, and the hint when the credentials were refused.
     */
    private static StoreException cannotOpen(String jdbcUrl, String user, String why, Throwable e) {
        return new StoreException("cannot open the database " + redact(jdbcUrl) + (user == null ? "" : " as " + user) + ": " + why
                + credentialsHint(e), e);
    }

    /** The hint for a refusal of the credentials (SQLState class 28, invalid authorization) anywhere in the causes. */
    private static String credentialsHint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("28")) {
                return " (check db.user / db.password or the URL's user:password)";
            }
        }
        return "";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
