package dev.homing.list;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RoleAccountsTest {
    @ParameterizedTest
    @ValueSource(strings = {"postmaster", "abuse", "hostmaster", "webmaster", "info", "admin", "administrator",
            "sales", "support", "contact", "office", "noreply", "no-reply", "marketing", "billing", "help", "hr",
            "jobs", "team", "Info", "POSTMASTER", "info+newsletter", "Sales+2024", "\"info\""})
    void roles(String local) {
        assertThat(RoleAccounts.isRole(local)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "information", "infos", "sales.team", "mr.admin", "john+info", "helpme",
            "josé", "\"john doe\"", "h"})
    void people(String local) {
        assertThat(RoleAccounts.isRole(local)).isFalse();
    }
}
