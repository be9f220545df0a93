package dev.homing.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The JVM options that the launcher and the benchmarks share ({@code bin/jdk.sh}): a process allowed to
 * raise priorities runs its JIT compiler and GC threads above the application's threads; one that is not
 * gets no option (the JVM would warn at every command and ignore it).
 */
class LauncherOptionsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static List<String> options(String... runAs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(runAs));
        cmd.addAll(List.of("bash", "-c", ". bin/jdk.sh; homing_jvm_options; printf '%s\\n' \"${HOMING_JVM[@]}\""));
        return run(cmd).lines().filter(l -> !l.isBlank()).toList();
    }

    private static boolean mayRaisePriority() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) >> 23 & 1) == 1;
            }
        }
        return false;
    }

    @Test
    void aProcessThatMayRaisePrioritiesRunsItsCompilerAndGcAboveTheSessions() throws Exception {
        assumeThat(mayRaisePriority()).as("this test process holds CAP_SYS_NICE (CI runs as root)").isTrue();
        List<String> options = options();
        assertThat(options).containsExactly("-XX:ThreadPriorityPolicy=1");

        // the option does what it is there for: a JVM started with it has its C2 compiler and GC threads at a
        // lower nice value than an application thread of normal priority (as the sessions' carrier threads are)
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ThreadNices.class.getName()));
        Map<String, Integer> nice = new HashMap<>();
        for (String line : run(cmd).lines().toList()) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                nice.putIfAbsent(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
            }
        }
        assertThat(nice).containsKeys("app-thread", "C2 CompilerThre", "GC Thread#0");
        assertThat(nice.get("C2 CompilerThre")).isLessThan(nice.get("app-thread"));
        assertThat(nice.get("GC Thread#0")).isLessThan(nice.get("app-thread"));
    }

    @Test
    void aProcessThatMayNotGetsNoOptionAndNoWarning() throws Exception {
        // runuser needs root; a machine without it has nobody to drop to
        assumeThat(mayRaisePriority() && Files.isExecutable(Path.of("/usr/sbin/runuser"))).isTrue();
        Path copy = Files.createTempDirectory("homing-launcher");
        try {
            // nobody cannot read the checkout's parent folders everywhere: give it its own copy of the script
            Files.createDirectories(copy.resolve("bin"));
            Files.copy(ROOT.resolve("bin/jdk.sh"), copy.resolve("bin/jdk.sh"));
            copy.toFile().setReadable(true, false);
            copy.toFile().setExecutable(true, false);
            copy.resolve("bin").toFile().setReadable(true, false);
            copy.resolve("bin").toFile().setExecutable(true, false);
            copy.resolve("bin/jdk.sh").toFile().setReadable(true, false);
            String script = ". " + copy.resolve("bin/jdk.sh") + "; homing_jvm_options; printf '%s\\n' \"${HOMING_JVM[@]}\"";
            String out = run(List.of("/usr/sbin/runuser", "-u", "nobody", "--", "bash", "-c", script));
            assertThat(out.strip()).isEmpty();
        } finally {
            Files.deleteIfExists(copy.resolve("bin/jdk.sh"));
            Files.deleteIfExists(copy.resolve("bin"));
            Files.deleteIfExists(copy);
        }
    }

    /** Prints each thread of this JVM with its nice value, read from /proc (run in a child JVM). */
    static final class ThreadNices {
        public static void main(String[] args) throws Exception {
            var started = new java.util.concurrent.CountDownLatch(1);
            Thread app = Thread.ofPlatform().name("app-thread").daemon(true).start(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // the main thread is done
                }
            });
            started.await();
            // give the VM a moment to start its compiler threads
            Thread.sleep(300);
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    // fields after the ")" that ends the name: state is field 3, nice field 19
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    System.out.println(comm + "\t" + f[16]);
                }
            }
            app.interrupt();
        }
    }
}
