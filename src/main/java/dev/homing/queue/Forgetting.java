package dev.homing.queue;

import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What the queue forgets of a person erased at their request: the address and merge fields of every delivery to them.
 * Each delivery keeps its outcome (state, reason, code), so the campaign reports still add up; the address becomes
 * {@value #ERASED}.
 */
public final class Forgetting {
    /** What an erased recipient reads as (RFC 2606 reserves .invalid: it can never be an address). */
    public static final String ERASED = "erased@erased.invalid";

    private Forgetting() {
    }

    /** @return how many deliveries were to the address */
    public static int recipient(Database db, String address) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.FORGET_RECIPIENT)) {
            ps.setString(1, ERASED);
            ps.setString(2, address);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("cannot forget the deliveries to " + address + ": " + e.getMessage(), e);
        }
    }
}
