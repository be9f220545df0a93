package dev.homing.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code homing user}: one-time passwords with a role, the list of users, a wrong role said in one line. */
class UserCommandTest {
    @TempDir
    Path home;

    @Test
    void resetMakesUsersWithTheirRolesAndListsThem() {
        String h = "--home=" + home;
        CommandsTest.Run admin = CommandsTest.run("user", "reset", "admin", h);
        assertThat(admin.code()).isZero();
        assertThat(admin.out()).containsPattern("user \"admin\" \\(admin\\): one-time password \\S{12,}");
        CommandsTest.Run viewer = CommandsTest.run("user", "reset", "vera", "--role", "viewer", h);
        assertThat(viewer.out()).contains("user \"vera\" (viewer)");
        // a reset without --role keeps the role
        assertThat(CommandsTest.run("user", "reset", "vera", h).out()).contains("user \"vera\" (viewer)");
        CommandsTest.Run wrong = CommandsTest.run("user", "reset", "vera", "--role", "owner", h);
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("unknown role \"owner\" (known: admin, editor, viewer)");
        // the only admin stays one
        CommandsTest.Run demote = CommandsTest.run("user", "reset", "admin", "--role", "editor", h);
        assertThat(demote.code()).isEqualTo(2);
        assertThat(demote.err()).contains("\"admin\" is the only admin");
        CommandsTest.Run ls = CommandsTest.run("user", "ls", h);
        assertThat(ls.out()).containsPattern("admin\\s+admin").containsPattern("vera\\s+viewer\\s+one-time password not yet changed");
    }
}
