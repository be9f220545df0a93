package dev.homing.http;

/**
 * What an HTTP request's failure says about the client: a body too large (413) or one that cannot be read (400), as
 * Javalin, Jetty and Jackson report them. Shared by every face the node's HTTP server mounts, so that none of them
 * answers 500 for the client's fault.
 */
public final class Faults {
    private Faults() {
    }

    /**
     * 413 or 400 when the request itself was at fault (a body over the size limit, a multipart or JSON body that
     * cannot be read), else 0: those are the client's to fix and no error of the server's.
     */
    public static int clientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.javalin.http.HttpResponseException h && (h.getStatus() == 413 || h.getStatus() == 400)) {
                return h.getStatus();
            }
            if (t instanceof org.eclipse.jetty.http.BadMessageException b) {
                return b.getCode() == 413 || tooLarge(b.getCause()) ? 413 : 400;
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return 400;
            }
        }
        return 0;
    }

    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Jetty's multipart parser says so only in words: "max file size exceeded", "max request size exceeded"
            if (t.getMessage() != null && t.getMessage().contains("size exceeded")) {
                return true;
            }
        }
        return false;
    }
}
