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

/** Shared by the delivery and list tests. A tiny authoritative DNS server on 127.0.0.1 (UDP) for tests: records from master-file lines, plus failures. */
public final class FakeDns implements AutoCloseable {
    public enum Fault { NXDOMAIN, SERVFAIL, SILENT }

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
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
                if (fault == Fault.SILENT) {
                    continue;
                }
                if (fault == Fault.NXDOMAIN) {
                    a.getHeader().setRcode(Rcode.NXDOMAIN);
                } else if (fault == Fault.SERVFAIL) {
                    a.getHeader().setRcode(Rcode.SERVFAIL);
                } else {
                    for (Record r : records.getOrDefault(key(question.getName(), question.getType()), List.of())) {
                        a.addRecord(r, Section.ANSWER);
                    }
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

    @Override
    public void close() {
        socket.close();
    }
}
