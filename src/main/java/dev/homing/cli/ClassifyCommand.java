package dev.homing.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homing.inbound.Analysis;
import dev.homing.inbound.AutoReply;
import dev.homing.inbound.Bounce;
import dev.homing.inbound.BouncedRecipient;
import dev.homing.inbound.Classifier;
import dev.homing.inbound.Complaint;
import dev.homing.inbound.NotBounce;
import dev.homing.inbound.Original;
import dev.homing.inbound.Unparsed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code homing classify FILE...}: what a received message is (bounce, complaint, auto-reply), per recipient. */
@Command(name = "classify", description = "Classify received messages (bounces, complaints, auto-replies): per recipient the action,"
        + " status, reply code, reason and hard/soft.")
final class ClassifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Message files (as received, headers included).")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON Lines: one object per recipient result.")
    boolean json;

    /** For bench/classify: classify the files in memory this many times and print the rate (no output per file). */
    @Option(names = "--bench", hidden = true, defaultValue = "0")
    int bench;

    /** For bench/classify: seconds of classifying before the timed rounds, so that the JIT has compiled the hot paths. */
    @Option(names = "--bench-warmup", hidden = true, defaultValue = "10")
    double benchWarmup;

    @Override
    public Integer call() throws IOException {
        if (bench > 0) {
            return bench();
        }
        int missing = 0;
        for (Path file : files) {
            byte[] raw;
            try {
                raw = Files.readAllBytes(file);
            } catch (IOException e) {
                System.err.println("homing: cannot read " + file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
                missing++;
                continue;
            }
            Analysis a = Classifier.classify(raw);
            if (json) {
                for (ObjectNode o : objects(file.toString(), a)) {
                    System.out.println(JSON.writeValueAsString(o));
                }
            } else {
                print(file.toString(), a);
            }
        }
        return missing == 0 ? 0 : 2;
    }

    static List<ObjectNode> objects(String file, Analysis a) {
        List<ObjectNode> out = new ArrayList<>();
        switch (a) {
            case Bounce b -> {
                for (BouncedRecipient r : b.recipients()) {
                    ObjectNode o = base(file, "bounce");
                    o.put("recipient", r.address());
                    o.put("action", r.action().label());
                    o.put("status", r.status());
                    if (r.replyCode() == 0) {
                        o.putNull("replycode");
                    } else {
                        o.put("replycode", r.replyCode());
                    }
                    o.put("reason", r.reason().label());
                    o.put("hardbounce", r.hard());
                    // what decided the reason, and whether that is the server's words or codes (firm) or only where it refused
                    o.put("evidence", r.evidence().name().toLowerCase(java.util.Locale.ROOT));
                    o.put("firm", r.evidence().firm());
                    o.put("diagnostic", r.diagnostic());
                    o.put("remote_mta", r.remoteMta());
                    original(o, b.original());
                    out.add(o);
                }
            }
            case Complaint c -> {
                List<String> recipients = c.recipients().isEmpty() ? java.util.Collections.singletonList(null) : c.recipients();
                for (String r : recipients) {
                    ObjectNode o = base(file, "complaint");
                    o.put("recipient", r);
                    o.putNull("action");
                    o.putNull("status");
                    o.putNull("replycode");
                    o.put("reason", "feedback");
                    o.put("hardbounce", false);
                    o.putNull("diagnostic");
                    o.put("feedback_type", c.feedbackType().label());
                    o.put("user_agent", c.userAgent());
                    o.put("original_mail_from", c.originalMailFrom());
                    o.put("source_ip", c.sourceIp());
                    o.put("reported_domain", c.reportedDomain());
                    o.put("arrival_date", c.arrivalDate());
                    original(o, c.original());
                    out.add(o);
                }
            }
            case AutoReply r -> {
                ObjectNode o = empty(file, "auto-reply");
                o.put("recipient", r.from());
                o.put("reason", "vacation");
                o.put("subject", r.subject());
                original(o, r.original());
                out.add(o);
            }
            case NotBounce n -> out.add(empty(file, "not-bounce"));
            case Unparsed u -> {
                ObjectNode o = empty(file, "unparsed");
                o.put("unparsed", u.reason());
                out.add(o);
            }
        }
        return out;
    }

    private static ObjectNode base(String file, String kind) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file);
        o.put("kind", kind);
        return o;
    }

    private static ObjectNode empty(String file, String kind) {
        ObjectNode o = base(file, kind);
        o.putNull("recipient");
        o.putNull("action");
        o.putNull("status");
        o.putNull("replycode");
        o.putNull("reason");
        o.put("hardbounce", false);
        o.putNull("diagnostic");
        return o;
    }

    private static void original(ObjectNode o, Original original) {
        if (original.delivery() != null) {
            o.put("delivery", original.delivery());
        }
        if (original.messageId() != null) {
            o.put("message_id", original.messageId());
        }
        if (original.envelopeSender() != null) {
            o.put("envelope_sender", original.envelopeSender());
        }
    }

    private static void print(String file, Analysis a) throws JsonProcessingException {
        switch (a) {
            case Bounce b -> {
                System.out.println(file + ": bounce, " + b.recipients().size() + " recipient(s)");
                for (BouncedRecipient r : b.recipients()) {
                    System.out.printf("  %s  %s  %s %s  %s%s%n", r.address(), r.action().label(), r.status(),
                            r.replyCode() == 0 ? "-" : Integer.toString(r.replyCode()), r.reason().label(), r.hard() ? " (hard bounce)" : "");
                    if (r.remoteMta() != null) {
                        System.out.println("    remote: " + r.remoteMta());
                    }
                    if (!r.diagnostic().isEmpty()) {
                        System.out.println("    said: " + r.diagnostic());
                    }
                    System.out.println("    " + r.reason().sentence()
                            + (r.evidence().firm() ? "" : " (Weak evidence: the report gives no reason, only where the server refused.)"));
                }
                printOriginal(b.original());
            }
            case Complaint c -> {
                System.out.println(file + ": complaint (" + c.feedbackType().label() + ")"
                        + (c.userAgent() == null ? "" : " from " + c.userAgent()));
                System.out.println("  recipients: " + (c.recipients().isEmpty() ? "(not named)" : String.join(", ", c.recipients())));
                if (c.originalMailFrom() != null) {
                    System.out.println("  original mail from: " + c.originalMailFrom());
                }
                if (c.sourceIp() != null) {
                    System.out.println("  source ip: " + c.sourceIp());
                }
                if (c.reportedDomain() != null) {
                    System.out.println("  reported domain: " + c.reportedDomain());
                }
                if (c.arrivalDate() != null) {
                    System.out.println("  arrival date: " + c.arrivalDate());
                }
                printOriginal(c.original());
            }
            case AutoReply r -> {
                System.out.println(file + ": auto-reply (vacation) from " + r.from() + (r.subject() == null ? "" : ": " + r.subject()));
                System.out.println("  not a bounce: the message was delivered.");
            }
            case NotBounce n -> System.out.println(file + ": not a bounce");
            case Unparsed u -> System.out.println(file + ": unparsed: " + u.reason());
        }
    }

    private static void printOriginal(Original o) {
        if (o.delivery() != null) {
            System.out.println("  delivery: " + o.delivery());
        }
        if (o.messageId() != null) {
            System.out.println("  original message-id: " + o.messageId());
        }
        if (o.envelopeSender() != null) {
            System.out.println("  original envelope sender: " + o.envelopeSender());
        }
    }

    private int bench() throws IOException {
        List<byte[]> messages = new ArrayList<>();
        for (Path file : files) {
            messages.add(Files.readAllBytes(file));
        }
        // warm-up by time, not rounds: the JIT needs seconds of the hot paths, however small the corpus
        long sink = 0;
        long warmEnd = System.nanoTime() + (long) (benchWarmup * 1e9);
        do {
            for (byte[] m : messages) {
                sink += Classifier.classify(m).hashCode();
            }
        } while (System.nanoTime() < warmEnd);
        long start = System.nanoTime();
        for (int i = 0; i < bench; i++) {
            for (byte[] m : messages) {
                sink += Classifier.classify(m).hashCode();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long n = (long) bench * messages.size();
        System.out.printf("homing: %d messages in %.3f s = %.0f msg/s (one thread)%s%n", n, seconds, n / seconds, sink == 42 ? " " : "");
        return 0;
    }
}
