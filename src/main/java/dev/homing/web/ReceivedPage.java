package dev.homing.web;

import dev.homing.inbound.Received;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;

/**
 * A received message as it arrived (a delivery's stored bounce or complaint, any message of the mailroom): its first
 * {@value #SHOWN} bytes as text on a page (nothing in it runs or loads), or whole as message/rfc822 with {@code ?download}.
 */
final class ReceivedPage {
    static final int SHOWN = 256 * 1024;

    private ReceivedPage() {
    }

    /** How much of the message the answer needs: all of it for a download, one byte past what a page shows otherwise. */
    static int bytes(Context ctx) {
        return download(ctx) ? 0 : SHOWN + 1;
    }

    /**
     * The download (then null), or the page.
     *
     * @param back   the page this one is reached from, with its link text
     * @param file   the download's file name
     * @param textId the id of the message's text on the page
     */
    static View answer(Context ctx, Received r, String title, String section, String back, String backLabel, String file, String textId) {
        if (download(ctx)) {
            ctx.contentType("message/rfc822").header("Content-Disposition", "attachment; filename=\"" + file + "\"").result(r.raw());
            return null;
        }
        String text = new String(r.raw(), 0, Math.min(r.raw().length, SHOWN), StandardCharsets.UTF_8);
        return View.of(title, section, "received.jte").with("back", back).with("backLabel", backLabel)
                .with("download", ctx.path() + "?download").with("received", Dates.second(r.at()))
                .with("mailFrom", r.mailFrom() == null || r.mailFrom().isEmpty() ? "<>" : "<" + r.mailFrom() + ">")
                .with("rcptTo", String.join(", ", r.rcptTo())).with("text", text).with("cut", r.raw().length > SHOWN).with("textId", textId);
    }

    private static boolean download(Context ctx) {
        return ctx.queryParam("download") != null;
    }
}
