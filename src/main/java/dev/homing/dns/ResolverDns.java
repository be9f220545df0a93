package dev.homing.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** {@link Dns} on dnsjava: one query per question, CNAME chains followed, no cache (checks want today's records). */
final class ResolverDns implements Dns {
    private static final int MAX_CNAME_HOPS = 8;

    private final DnsClient client;

    ResolverDns(DnsClient client) {
        this.client = client;
    }

    @Override
    public Answer<String> txt(String name) {
        return query(name, Type.TXT, r -> {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (byte[] s : ((TXTRecord) r).getStringsAsByteArrays()) {
                joined.writeBytes(s);
            }
            return joined.toString(StandardCharsets.UTF_8);
        });
    }

    @Override
    public Answer<InetAddress> a(String name) {
        return query(name, Type.A, r -> ((ARecord) r).getAddress());
    }

    @Override
    public Answer<InetAddress> aaaa(String name) {
        return query(name, Type.AAAA, r -> ((AAAARecord) r).getAddress());
    }

    @Override
    public Answer<Mx> mx(String name) {
        return query(name, Type.MX, r -> new Mx(((MXRecord) r).getPriority(), text(((MXRecord) r).getTarget())));
    }

    @Override
    public Answer<String> ptr(InetAddress address) {
        return query(reverseName(address), Type.PTR, r -> text(((PTRRecord) r).getTarget()));
    }

    private <T> Answer<T> query(String text, int type, Function<Record, T> value) {
        Name name = name(text);
        if (name == null) {
            return new Answer.Empty<>(true);
        }
        Set<Name> seen = new HashSet<>();
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            Message response;
            try {
                response = client.ask(name, type);
            } catch (WireParseException e) {
                return new Answer.Failed<>("unreadable answer for " + Type.string(type) + " " + text + ": " + e.getMessage());
            } catch (IOException e) {
                return new Answer.Failed<>("no answer for " + Type.string(type) + " " + text + " (" + e.getMessage() + ")");
            }
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new Answer.Empty<>(true);
            }
            if (rcode != Rcode.NOERROR) {
                return new Answer.Failed<>(Rcode.string(rcode) + " for " + Type.string(type) + " " + text);
            }
            List<Record> answer = response.getSection(Section.ANSWER);
            Name current = name;
            while (true) {
                if (!seen.add(current)) {
                    return new Answer.Failed<>("CNAME loop at " + text(current));
                }
                Name next = null;
                for (Record r : answer) {
                    if (r.getType() == Type.CNAME && r.getName().equals(current) && type != Type.CNAME) {
                        next = ((CNAMERecord) r).getTarget();
                    }
                }
                if (next == null) {
                    break;
                }
                current = next;
            }
            List<T> found = new ArrayList<>();
            for (Record r : answer) {
                if (r.getType() == type && r.getName().equals(current)) {
                    found.add(value.apply(r));
                }
            }
            if (!found.isEmpty()) {
                return new Answer.Found<>(found);
            }
            if (current.equals(name)) {
                return new Answer.Empty<>(false);
            }
            seen.remove(current);
            name = current; // an alias the server did not resolve for us: ask about its target
        }
        return new Answer.Failed<>("more than " + MAX_CNAME_HOPS + " CNAMEs from " + text);
    }

    /**
     * The DNS name for text taken as is (no master-file escapes: SPF macros may produce '\', spaces or '%'),
     * or null when DNS cannot carry it.
     */
    static Name name(String text) {
        String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (t.isEmpty()) {
            return Name.root;
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (String label : t.split("\\.", -1)) {
            byte[] b = label.getBytes(StandardCharsets.UTF_8);
            if (b.length == 0 || b.length > 63) {
                return null;
            }
            wire.write(b.length);
            wire.writeBytes(b);
        }
        wire.write(0);
        if (wire.size() > 255) {
            return null;
        }
        try {
            return new Name(wire.toByteArray());
        } catch (IOException e) {
            return null;
        }
    }

    /** A name as plain text without the final dot and without master-file escapes. */
    static String text(Name name) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < name.labels(); i++) {
            byte[] label = name.getLabel(i);
            if (label.length <= 1) {
                continue; // the root label
            }
            if (!s.isEmpty()) {
                s.append('.');
            }
            s.append(new String(label, 1, label.length - 1, StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    /** The name an address's PTR records live at: its octets reversed under in-addr.arpa, or its nibbles under ip6.arpa. */
    static String reverseName(InetAddress ip) {
        byte[] b = ip.getAddress();
        StringBuilder s = new StringBuilder();
        for (int i = b.length - 1; i >= 0; i--) {
            if (b.length == 4) {
                s.append(b[i] & 0xff).append('.');
            } else {
                s.append(Character.forDigit(b[i] & 0xf, 16)).append('.').append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
            }
        }
        return s + (b.length == 4 ? "in-addr.arpa" : "ip6.arpa");
    }
}
