package dev.homing.access;

import dev.homing.store.Database;
import dev.homing.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The people who may log in to the web UI, each with a {@link Role}; there is always at least one admin. */
public final class Accounts {
    public static final String ADMIN = "admin";

    private final Database db;

    public Accounts(Database db) {
        this.db = db;
    }

    public record User(long id, String username, String passwordHash, boolean mustChange, Role role, Instant createdAt) {
    }

    /**
     * On first run, the admin account: with the given password (from the environment), or else with a
     * generated one-time password that only lets its holder choose a new one.
     *
     * @return the one-time password to show once, or empty when an account already exists or the password was given
     */
    public Optional<String> firstRun(String givenPassword) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<String> once = firstRun(c, givenPassword);
                c.commit();
                return once;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot make the first account: " + e.getMessage(), e);
        }
    }

    private static Optional<String> firstRun(Connection c, String givenPassword) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AccessSql.COUNT_USERS); ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getLong(1) > 0) {
                return Optional.empty();
            }
        }
        if (givenPassword != null && !givenPassword.isBlank()) {
            String weak = Passwords.weakness(givenPassword);
            if (weak != null) {
                throw new IllegalArgumentException("HOMING_ADMIN_PASSWORD: " + weak);
            }
            insert(c, ADMIN, givenPassword, false, Role.ADMIN);
            return Optional.empty();
        }
        String once = Passwords.generate();
        insert(c, ADMIN, once, true, Role.ADMIN);
        return Optional.of(once);
    }

    /**
     * Sets a new one-time password for a user, making the user (an admin) when there is none: a lost password, from the
     * command line. The user's sessions end.
     */
    public String reset(String username) {
        return reset(username, null);
    }

    /**
     * Sets a new one-time password for a user, making the user when there is none (with {@code role}, or as an admin when
     * null); an existing user keeps their role unless one is given. The user's sessions end.
     */
    public String reset(String username, Role role) {
        String name = checkedName(username);
        String once = Passwords.generate();
        inTransaction("reset the password of " + name, c -> {
            if (AccessSql.update(c, AccessSql.RESET_PASSWORD, Passwords.hash(once), name) == 0) {
                insert(c, name, once, true, role == null ? Role.ADMIN : role);
            } else if (role != null) {
                setRole(c, name, role);
            }
            AccessSql.update(c, AccessSql.CLOSE_SESSIONS_OF_NAME, name);
        });
        return once;
    }

    /**
     * A new user with a one-time password (returned, to be handed over once), which only lets them choose their own.
     *
     * @throws IllegalArgumentException for a bad name or one already taken
     */
    public String add(String username, Role role) {
        String name = checkedName(username);
        if (find(name).isPresent()) {
            throw new IllegalArgumentException("there is already a user \"" + name + "\"");
        }
        String once = Passwords.generate();
        try {
            inTransaction("add the user " + name, c -> insert(c, name, once, true, java.util.Objects.requireNonNull(role, "role")));
        } catch (StoreException e) {
            // another admin added the same name a moment ago: the unique key says so (SQLSTATE 23505, unique violation)
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new IllegalArgumentException("there is already a user \"" + name + "\"");
            }
            throw e;
        }
        return once;
    }

    /**
     * A new one-time password for an existing user (the web UI's reset): never makes one, so a reset racing a removal
     * cannot bring the user back (as an admin, which {@link #reset(String, Role)} would make).
     */
    public String resetExisting(String username) {
        String name = checkedName(username);
        String once = Passwords.generate();
        inTransaction("reset the password of " + name, c -> {
            if (AccessSql.update(c, AccessSql.RESET_PASSWORD, Passwords.hash(once), name) == 0) {
                throw new IllegalArgumentException("no user \"" + name + "\"");
            }
            AccessSql.update(c, AccessSql.CLOSE_SESSIONS_OF_NAME, name);
        });
        return once;
    }

    /** Changes a user's role; their sessions end so the new role holds at once. */
    public void role(String username, Role role) {
        String name = checkedName(username);
        inTransaction("change the role of " + name, c -> {
            setRole(c, name, role);
            AccessSql.update(c, AccessSql.CLOSE_SESSIONS_OF_NAME, name);
        });
    }

    /** Removes a user and ends their sessions; the last admin cannot be removed. */
    public void remove(String username) {
        String name = checkedName(username);
        inTransaction("remove the user " + name, c -> {
            keepAnAdmin(c, name);
            AccessSql.update(c, AccessSql.CLOSE_SESSIONS_OF_NAME, name);
            if (AccessSql.update(c, AccessSql.DELETE_USER, name) == 0) {
                throw new IllegalArgumentException("no user \"" + name + "\"");
            }
        });
    }

    /** Every user, by name. */
    public java.util.List<User> all() {
        java.util.List<User> out = new java.util.ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(AccessSql.ALL_USERS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(user(rs));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the users: " + e.getMessage(), e);
        }
        return out;
    }

    private static void setRole(Connection c, String name, Role role) throws SQLException {
        if (role != Role.ADMIN) {
            keepAnAdmin(c, name);
        }
        if (AccessSql.update(c, AccessSql.SET_ROLE, role.label(), name) == 0) {
            throw new IllegalArgumentException("no user \"" + name + "\"");
        }
    }

    /** Refuses to leave no admin when {@code name} stops being one (nobody could then make keys, webhooks or users). */
    private static void keepAnAdmin(Connection c, String name) throws SQLException {
        java.util.List<String> admins = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(AccessSql.LOCK_ADMINS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                admins.add(rs.getString(1));
            }
        }
        if (admins.equals(java.util.List.of(name))) {
            throw new IllegalArgumentException("\"" + name + "\" is the only admin: make another user an admin first");
        }
    }

    private static String checkedName(String username) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new IllegalArgumentException("a user name is 1 to 100 letters, digits, dots, dashes, underscores or @");
        }
        return name;
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(String what, Work work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
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
            run(AccessSql.REHASH, Passwords.hash(typed), u.get().id(), u.get().passwordHash());
        }
        return u;
    }

    /** A hash of nothing anyone types, at today's cost, checked against when the user name is unknown. */
    private static final String NOBODY = Passwords.hash(Passwords.generate());

    public void change(long userId, String newPassword) {
        run(AccessSql.CHANGE_PASSWORD, Passwords.hash(newPassword), userId);
    }

    public Optional<User> find(String username) {
        return user(AccessSql.USER_BY_NAME, username == null ? "" : username.strip());
    }

    public Optional<User> find(long id) {
        return user(AccessSql.USER_BY_ID, id);
    }

    private Optional<User> user(String sql, Object key) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            AccessSql.bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the account " + key + ": " + e.getMessage(), e);
        }
    }

    private void run(String sql, Object... args) {
        try (Connection c = db.connection()) {
            AccessSql.update(c, sql, args);
        } catch (SQLException e) {
            throw new StoreException("cannot change an account: " + e.getMessage(), e);
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), Role.of(rs.getString(5)),
                rs.getTimestamp(6).toInstant());
    }

    private static void insert(Connection c, String username, String password, boolean mustChange, Role role) throws SQLException {
        AccessSql.update(c, AccessSql.INSERT_USER, username, Passwords.hash(password), mustChange, Instant.now(), role.label());
    }
}
