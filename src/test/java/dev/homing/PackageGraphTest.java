package dev.homing;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house's one-way rule, read from the compiled classes (their constant pools name every class they use): no cycle
 * among Homing's packages, and no face (web, api, webhook) using another face. One wiring place: the node package builds
 * the services and mounts the HTTP faces; cli starts it and reaches neither web nor api itself; nothing but cli uses node.
 */
class PackageGraphTest {
    static final Path CLASSES = Path.of("target", "classes", "dev", "homing");
    static final Set<String> FACES = Set.of("web", "api", "webhook");

    @Test
    void packagesDependOneWayAndFacesStayApart() throws IOException {
        Map<String, Set<String>> uses = graph();
        assertThat(uses).as("compiled classes under %s", CLASSES).containsKeys("queue", "delivery", "list", "web", "api");
        List<List<String>> cycles = cycles(uses);
        assertThat(cycles).as("package cycles (each is a set of packages that reach one another): %s", uses).isEmpty();
        for (String face : FACES) {
            Set<String> other = new TreeSet<>(uses.getOrDefault(face, Set.of()));
            other.retainAll(FACES);
            assertThat(other).as("the face %s uses the faces %s", face, other).isEmpty();
        }
        assertThat(uses.get("node")).as("node wires the HTTP faces").contains("web", "api");
        assertThat(uses.get("cli")).as("cli starts a node; it wires no HTTP face itself").contains("node").doesNotContain("web", "api");
        uses.forEach((pkg, used) -> {
            if (!pkg.equals("cli")) {
                assertThat(used).as("%s uses the wiring package", pkg).doesNotContain("node");
            }
        });
    }

    /** package -> the Homing packages its classes use. */
    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String pkg = CLASSES.relativize(f).getName(0).toString();
                if (CLASSES.relativize(f).getNameCount() < 2) {
                    continue;
                }
                Set<String> used = out.computeIfAbsent(pkg, k -> new TreeSet<>());
                for (String name : classNames(f)) {
                    int at = name.indexOf("dev/homing/");
                    if (at >= 0) {
                        String rest = name.substring(at + "dev/homing/".length());
                        int slash = rest.indexOf('/');
                        if (slash > 0 && !rest.substring(0, slash).equals(pkg)) {
                            used.add(rest.substring(0, slash));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Every UTF-8 constant of a class file (class names, descriptors, signatures), JVMS 4.4. */
    private static List<String> classNames(Path classFile) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // takes two entries
                    }
                    case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException(classFile + ": constant pool tag " + tag + " unknown");
                }
            }
        }
        return out;
    }

    /** Strongly connected components of more than one package (Tarjan). */
    static List<List<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        Set<String> on = new java.util.HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] n = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                visit(v, g, index, low, stack, on, out, n);
            }
        }
        return out;
    }

    private static void visit(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                              java.util.Deque<String> stack, Set<String> on, List<List<String>> out, int[] n) {
        index.put(v, n[0]);
        low.put(v, n[0]++);
        stack.push(v);
        on.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, g, index, low, stack, on, out, n);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (on.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> comp = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                on.remove(w);
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) {
                out.add(comp);
            }
        }
    }

    /** The check itself can fail: a graph with a cycle is found. */
    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycles(g)).singleElement().satisfies(c -> assertThat(c).containsExactlyInAnyOrder("a", "b", "c"));
    }
}
