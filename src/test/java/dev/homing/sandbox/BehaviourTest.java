package dev.homing.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BehaviourTest {

    @Test
    void labelBeforeSandboxTestNamesTheBehaviour() {
        assertThat(Behaviour.of("bob@user-unknown.sandbox.test")).isEqualTo(Behaviour.USERUNKNOWN);
        assertThat(Behaviour.of("bob@d17.accept.sandbox.test")).isEqualTo(Behaviour.ACCEPT);
        assertThat(Behaviour.of("bob@a.b.Late-Bounce.Sandbox.Test.")).isEqualTo(Behaviour.LATEBOUNCE);
        assertThat(Behaviour.of("<x@dot-timeout.sandbox.test>")).isEqualTo(Behaviour.DOT_TIMEOUT);
        assertThat(Behaviour.of("x@connect-timeout.sandbox.test")).isEqualTo(Behaviour.CONNECT_TIMEOUT);
    }

    @Test
    void localPartOverridesTheDomain() {
        assertThat(Behaviour.of("mailbox-full@accept.sandbox.test")).isEqualTo(Behaviour.MAILBOXFULL);
        assertThat(Behaviour.of("user-unknown+42@accept.sandbox.test")).isEqualTo(Behaviour.USERUNKNOWN);
        assertThat(Behaviour.of("Over-Quota.7@d1.accept.sandbox.test")).isEqualTo(Behaviour.OVERQUOTA);
        assertThat(Behaviour.of("accept@user-unknown.sandbox.test")).isEqualTo(Behaviour.ACCEPT);
        assertThat(Behaviour.of("\"blocked\"@accept.sandbox.test")).isEqualTo(Behaviour.BLOCKED);
    }

    @Test
    void aLabelMustEndTheWordToCount() {
        assertThat(Behaviour.of("deferral@user-unknown.sandbox.test")).isEqualTo(Behaviour.USERUNKNOWN);
        assertThat(Behaviour.of("blockedness@accept.sandbox.test")).isEqualTo(Behaviour.ACCEPT);
    }

    @Test
    void connectionLevelBehavioursAreDomainOnly() {
        assertThat(Behaviour.of("connect-timeout@accept.sandbox.test")).isEqualTo(Behaviour.ACCEPT);
        assertThat(Behaviour.of("refused@user-unknown.sandbox.test")).isEqualTo(Behaviour.USERUNKNOWN);
        assertThat(Behaviour.REFUSED.domainOnly()).isTrue();
        assertThat(Behaviour.DIALOG_TIMEOUT.domainOnly()).isFalse();
    }

    @Test
    void unknownIsAccept() {
        assertThat(Behaviour.of("bob@example.com")).isEqualTo(Behaviour.ACCEPT);
        assertThat(Behaviour.of("bob@nonsense.sandbox.test")).isEqualTo(Behaviour.ACCEPT);
        assertThat(Behaviour.of("bob@sandbox.test")).isEqualTo(Behaviour.ACCEPT);
        assertThat(Behaviour.of("bob@fakesandbox.test")).isEqualTo(Behaviour.ACCEPT);
        assertThat(Behaviour.of("postmaster")).isEqualTo(Behaviour.ACCEPT);
        assertThat(Behaviour.of(null)).isEqualTo(Behaviour.ACCEPT);
    }

    @Test
    void labels() {
        assertThat(Behaviour.MAILBOXFULL.label()).isEqualTo("mailbox-full");
        assertThat(Behaviour.HUGE_REPLY.domain()).isEqualTo("huge-reply.sandbox.test");
        for (Behaviour b : Behaviour.values()) {
            assertThat(Behaviour.fromLabel(b.label())).contains(b);
        }
    }
}
