package dev.homing.delivery;

/** The SQL of {@code service_throttle}, the one table this package owns: what the throttles learned. */
final class ThrottleSql {
    private ThrottleSql() {
    }

    static final String DELETE = "DELETE FROM service_throttle WHERE service = ?";
    static final String INSERT = "INSERT INTO service_throttle (service, configured_connections, connections, configured_rate, rate,"
            + " slow_downs, refused_at, refused_when, next_probe_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String ALL = "SELECT service, configured_connections, connections, configured_rate, rate, slow_downs, refused_at,"
            + " refused_when, next_probe_at FROM service_throttle ORDER BY service";
}
