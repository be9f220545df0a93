package dev.homing.access;

import dev.homing.store.Database;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/** The people who may log in to the web UI. */
public final class Accounts {
    public static final String ADMIN = "admin";

    private final Database db;

    public Accounts(Database db) {
        this.db = db;
    }

    public record User(long id, String username, String passwordHash, boolean mustChange) {
    }

    /**
     * On first run, the admin account: with the given password (from the environment), or else with a
     * generated one-time password that only lets its holder choose a new one.
     *
     * @return the one-time password to show once, or empty when an account already exists or the password was given
     */
    public Optional<String> firstRun(String givenPassword) {
        return db.jdbi().inTransaction(h -> {
            long users = h.createQuery("SELECT COUNT(*) FROM web_user").mapTo(Long.class).one();
            if (users > 0) {
                return Optional.<String>empty();
            }
            if (givenPassword != null && !givenPassword.isBlank()) {
                String weak = Passwords.weakness(givenPassword);
                if (weak != null) {
                    throw new IllegalArgumentException("HOMING_ADMIN_PASSWORD: " + weak);
                }
                insert(h, ADMIN, givenPassword, false);
                return Optional.<String>empty();
            }
            String once = Passwords.generate();
            insert(h, ADMIN, once, true);
            return Optional.of(once);
        });
    }

    /**
     * Sets a new one-time password for a user, making the user when there is none (a lost password, a
     * new colleague: from the command line). The user's sessions end.
     */
    public String reset(String username) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new IllegalArgumentException("a user name is 1 to 100 letters, digits, dots, dashes, underscores or @");
        }
        String once = Passwords.generate();
        db.jdbi().useTransaction(h -> {
            int n = h.createUpdate("UPDATE web_user SET password_hash = :p, must_change = TRUE WHERE username = :u")
                    .bind("p", Passwords.hash(once)).bind("u", name).execute();
            if (n == 0) {
                insert(h, name, once, true);
            }
            h.createUpdate("DELETE FROM web_session WHERE user_id = (SELECT id FROM web_user WHERE username = :u)").bind("u", name).execute();
        });
        return once;
    }

    public Optional<User> check(String username, String password) {
        Optional<User> u = find(username);
        String typed = password == null ? "" : password;
        if (u.isEmpty()) {
            // the same work as a real check: a miss does not answer faster or slower than a wrong password
            Passwords.matches(typed, NOBODY);
            return Optional.empty();
        }
        if (!Passwords.matches(typed, u.get().passwordHash())) {
            return Optional.empty();
        }
        if (Passwords.outdated(u.get().passwordHash())) {
            // the only moment the password is known: bring its hash up to today's cost
            db.jdbi().useHandle(h -> h.createUpdate("UPDATE web_user SET password_hash = :p WHERE id = :id AND password_hash = :old")
                    .bind("p", Passwords.hash(typed)).bind("id", u.get().id()).bind("old", u.get().passwordHash()).execute());
        }
        return u;
    }

    /** A hash of nothing anyone types, at today's cost, checked against when the user name is unknown. */
    private static final String NOBODY = Passwords.hash(Passwords.generate());

    public void change(long userId, String newPassword) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE web_user SET password_hash = :p, must_change = FALSE WHERE id = :id")
                .bind("p", Passwords.hash(newPassword)).bind("id", userId).execute());
    }

    public Optional<User> find(String username) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, username, password_hash, must_change FROM web_user WHERE username = :u")
                .bind("u", username == null ? "" : username.strip())
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).findOne());
    }

    public Optional<User> find(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, username, password_hash, must_change FROM web_user WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).findOne());
    }

    private static void insert(Handle h, String username, String password, boolean mustChange) {
        h.createUpdate("INSERT INTO web_user (username, password_hash, must_change, created_at) VALUES (:u, :p, :m, :t)")
                .bind("u", username).bind("p", Passwords.hash(password)).bind("m", mustChange).bind("t", Instant.now()).execute();
    }
}
