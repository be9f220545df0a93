package dev.homing.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20, import column mapping on the command line: a header the importer does not recognise is named with --email-column. */
class ImportColumnTest {
    @TempDir
    Path home;

    @Test
    void theOperatorNamesTheAddressColumn() throws Exception {
        assertThat(CommandsTest.run("list", "create", "kunden", "--home", home.toString()).code()).isZero();
        Path csv = Files.writeString(home.resolve("kunden.csv"), "Vorname,E-Mail-Adresse\nAnna,anna@example.com\nBen,ben@example.com\n");

        CommandsTest.Run unknown = CommandsTest.run("import", "kunden", csv.toString(), "--home", home.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("names no email column").contains("--email-column NAME").doesNotContain("\tat ");
        assertThat(home.resolve("kunden.csv.rejects.csv")).doesNotExist();

        CommandsTest.Run wrong = CommandsTest.run("import", "kunden", csv.toString(), "--email-column", "Mail", "--home", home.toString());
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("has no column \"Mail\"; its columns: Vorname, E-Mail-Adresse");

        CommandsTest.Run named = CommandsTest.run("import", "kunden", csv.toString(), "--email-column", "e-mail-adresse", "--consent", "fair",
                "--home", home.toString());
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).contains("2 added");
        CommandsTest.Run members = CommandsTest.run("list", "show", "kunden", "--home", home.toString());
        assertThat(members.out()).containsPattern("confirmed:\\s+2\\b");
        // each member's timeline starts with the import and the consent it was made under
        try (dev.homing.store.Database db = dev.homing.store.Database.embedded(home)) {
            dev.homing.list.MailingList list = new dev.homing.list.Lists(db).get("kunden");
            java.util.List<dev.homing.list.Subscriptions.Event> timeline = new dev.homing.list.Subscriptions(db,
                    new dev.homing.list.Tokens(db, dev.homing.list.InstallSecret.load(home))).record("anna@example.com", list.id());
            assertThat(timeline).extracting(dev.homing.list.Subscriptions.Event::event).containsExactly("imported");
            assertThat(timeline.getFirst().source()).isEqualTo("fair (import of kunden.csv)");
        }
    }
}
