package dev.homing.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** 'homing serve' in a process of its own, as an operator runs it, its output in a log file; stopped on close. */
final class ServeProcess implements AutoCloseable {
    final Path log;
    private final Process process;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts 'homing serve --home HOME ARGS...' and waits (up to a minute) until it says it serves. */
    static ServeProcess start(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--home", home.toString()));
        command.addAll(List.of(args));
        Path log = home.resolve("serve.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.currentTimeMillis() + 60_000;
        while (!Files.readString(log).contains("Ctrl-C stops") && System.currentTimeMillis() < until && p.isAlive()) {
            Thread.sleep(100);
        }
        return new ServeProcess(p, log);
    }

    String output() throws Exception {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
