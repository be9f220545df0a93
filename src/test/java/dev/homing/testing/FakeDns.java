package dev.homing.testing;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared by the delivery, list and auth tests. A tiny authoritative DNS server on 127.0.0.1 (UDP) for tests:
 * records from master-file lines or dnsjava objects (TXT/SPF of several character-strings, any octets), CNAME
 * chains followed as an authoritative server does, plus failures per name and type or for a whole name.
 */
public final class FakeDns implements AutoCloseable {
    public enum Fault { NXDOMAIN, SERVFAIL, SILENT }

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    /** Faults for every type the name has no records of (the OpenSPF suite's TIMEOUT). */
    private final Map<String, Fault> nameFaults = new ConcurrentHashMap<>();
    public final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    public FakeDns() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofPlatform().daemon(true).name("fake-dns").start(this::serve);
    }

    /** Adds a record in master-file syntax, e.g. "example.test. 300 IN MX 10 mx1.example.test.". */
    public FakeDns add(String line) throws IOException {
        String[] f = line.trim().split("\\s+", 5);
        Name name = Name.fromString(f[0]);
        Record r = Record.fromString(name, Type.value(f[3]), org.xbill.DNS.DClass.IN, Long.parseLong(f[1]), f[4], Name.root);
        records.computeIfAbsent(key(name, r.getType()), k -> new ArrayList<>()).add(r);
        return this;
    }

    /** Adds a record built with dnsjava. */
    public FakeDns add(Record r) {
        records.computeIfAbsent(key(r.getName(), r.getType()), k -> new ArrayList<>()).add(r);
        return this;
    }

    /** One TXT record made of these character-strings (UTF-8; a string over 255 octets is split as DNS requires). */
    public FakeDns txt(String name, String... strings) throws IOException {
        return add(Record.newRecord(name(name), Type.TXT, org.xbill.DNS.DClass.IN, 300, characterStrings(strings)));
    }

    /** One record of the obsolete SPF type (99), which RFC 7208 receivers must ignore. */
    public FakeDns spf(String name, String... strings) throws IOException {
        return add(Record.newRecord(name(name), Type.SPF, org.xbill.DNS.DClass.IN, 300, characterStrings(strings)));
    }

    private static byte[] characterStrings(String... strings) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String s : strings) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int i = 0;
            do {
                int n = Math.min(255, b.length - i);
                out.write(n);
                out.write(b, i, n);
                i += n;
            } while (i < b.length);
        }
        return out.toByteArray();
    }

    /** A name taken literally, label by label (test zones hold names with spaces, '%', ':' or '/'). */
    public static Name name(String text) throws IOException {
        String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (t.isEmpty()) {
            return Name.root;
        }
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        for (String label : t.split("\\.", -1)) {
            byte[] b = label.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            wire.write(b.length);
            wire.writeBytes(b);
        }
        wire.write(0);
        return new Name(wire.toByteArray());
    }

    /** A fault for every query about {@code name} of a type it has no records of. */
    public FakeDns fault(String name, Fault fault) throws IOException {
        nameFaults.put(name(name).toString().toLowerCase(), fault);
        return this;
    }

    public FakeDns fault(String name, int type, Fault fault) {
        faults.put(name.toLowerCase() + "|" + type, fault);
        return this;
    }

    public SimpleResolver resolver() {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()));
        r.setTimeout(Duration.ofMillis(500));
        return r;
    }

    private static String key(Name n, int type) {
        return n.toString().toLowerCase() + "|" + type;
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                queries.incrementAndGet();
                Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Record question = q.getQuestion();
                Message a = new Message(q.getHeader().getID());
                a.getHeader().setFlag(Flags.QR);
                a.getHeader().setFlag(Flags.AA);
                a.addRecord(question, Section.QUESTION);
                Fault fault = faults.get(key(question.getName(), question.getType()));
                if (fault == null && !records.containsKey(key(question.getName(), question.getType()))) {
                    fault = nameFaults.get(question.getName().toString().toLowerCase());
                }
                if (fault == Fault.SILENT) {
                    continue;
                }
                if (fault == Fault.NXDOMAIN) {
                    a.getHeader().setRcode(Rcode.NXDOMAIN);
                } else if (fault == Fault.SERVFAIL) {
                    a.getHeader().setRcode(Rcode.SERVFAIL);
                } else {
                    answer(a, question.getName(), question.getType());
                }
                byte[] out = a.toWire();
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The records of name and type; when there are none but a CNAME, the CNAME and then its target's (loops stop). */
    private void answer(Message a, Name name, int type) {
        java.util.Set<Name> seen = new java.util.HashSet<>();
        while (seen.add(name)) {
            List<Record> found = records.getOrDefault(key(name, type), List.of());
            List<Record> alias = type == Type.CNAME ? List.of() : records.getOrDefault(key(name, Type.CNAME), List.of());
            if (!found.isEmpty() || alias.isEmpty()) {
                for (Record r : found) {
                    a.addRecord(r, Section.ANSWER);
                }
                return;
            }
            a.addRecord(alias.get(0), Section.ANSWER);
            name = ((org.xbill.DNS.CNAMERecord) alias.get(0)).getTarget();
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
