package dev.homing.web;

/** The one layout of the public pages' small answers (confirm, unsubscribe, errors); text in it is escaped by {@link dev.homing.http.Html}. */
final class SmallPage {
    private SmallPage() {
    }

    /** A whole page: title and body are already-escaped HTML. */
    static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#111}"
                + "label{display:block;margin:.8rem 0 .2rem}input[type=email],input[type=text]{width:100%;padding:.5rem;font-size:1rem}"
                + "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}.hp{position:absolute;left:-10000px}</style></head><body>"
                + "<h1>" + title + "</h1>" + body + "</body></html>";
    }
}
