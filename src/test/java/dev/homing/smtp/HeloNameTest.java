package dev.homing.smtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeloNameTest {
    @Test
    void aFullyQualifiedNameOrAnAddressLiteralIsFine() {
        assertThat(HeloName.problem("mail.example.com")).isEmpty();
        assertThat(HeloName.problem("MTA-1.Example.COM.")).isEmpty();
        assertThat(HeloName.problem("[192.0.2.10]")).isEmpty();
    }

    @Test
    void namesReceiversRefuseAreNamedWithWhy() {
        assertThat(HeloName.problem("localhost")).hasValueSatisfying(w -> assertThat(w).contains("504 5.5.2"));
        assertThat(HeloName.problem("localhost.localdomain")).isPresent();
        assertThat(HeloName.problem("vm")).hasValueSatisfying(w -> assertThat(w).contains("not a fully qualified domain name"));
        assertThat(HeloName.problem("192.0.2.10")).hasValueSatisfying(w -> assertThat(w).contains("[192.0.2.10]"));
        assertThat(HeloName.problem("box.local")).hasValueSatisfying(w -> assertThat(w).contains(".local"));
        assertThat(HeloName.problem("bad_name.example.com")).hasValueSatisfying(w -> assertThat(w).contains("not a valid host name"));
        assertThat(HeloName.problem("")).isPresent();
    }
}
