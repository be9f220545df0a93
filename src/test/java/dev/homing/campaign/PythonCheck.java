package dev.homing.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Runs the independent checkers (Python's email package, dkimpy) on a message and returns what they say. */
public final class PythonCheck {
    private PythonCheck() {
    }

    /** The MIME view of Python's email package (see src/test/resources/campaign/mime_check.py). */
    public static JsonNode mime(byte[] message) throws Exception {
        Path file = Files.createTempFile("msg", ".eml");
        Files.write(file, message);
        String out = run(List.of("/usr/bin/python3", script("campaign/mime_check.py").toString(), file.toString()));
        return new ObjectMapper().readTree(out);
    }

    /** dkimpy's verdict per signature ("ok"/"fail" lines); records are NAME=TXT pairs. */
    public static String dkim(byte[] message, List<String> records) throws Exception {
        Path file = Files.createTempFile("msg", ".eml");
        Files.write(file, message);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script("auth/dkimpy_verify.py").toString(), file.toString()));
        cmd.addAll(records);
        return run(cmd);
    }

    static Path script(String resource) throws IOException {
        Path p = Files.createTempFile("check", ".py");
        try (InputStream in = PythonCheck.class.getResourceAsStream("/" + resource)) {
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
