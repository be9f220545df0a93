package dev.homing.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Folders and files of a node that only its own user may read: the data folder holds subscribers,
 * secrets and stored mail, an upload holds a customer's list. Folders 0700, files 0600, where the file
 * system has POSIX permissions (elsewhere the calls do nothing).
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** The folder, made if missing, with its permissions set to the owner's only. */
    public static Path folder(Path dir) throws IOException {
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
            Files.setPosixFilePermissions(dir, FOLDER);
        } else {
            Files.createDirectories(dir);
        }
        return dir;
    }

    /** A new empty file in the folder, readable by the owner only from the moment it exists. */
    public static Path file(Path dir, String prefix, String suffix) throws IOException {
        folder(dir);
        return POSIX ? Files.createTempFile(dir, prefix, suffix, PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(dir, prefix, suffix);
    }

    /** The folder and everything under it set to the owner's only (files another program made with its own umask). */
    public static void tighten(Path dir) throws IOException {
        if (!POSIX || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Files.setPosixFilePermissions(p, Files.isDirectory(p) ? FOLDER : FILE);
            }
        }
    }
}
