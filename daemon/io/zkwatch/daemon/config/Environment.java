package io.zkwatch.daemon.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What loading a configuration may look at outside the file: environment variables and the files it names.
 * A seam so tests can give a fixed environment without changing the process's own.
 */
interface Environment {

    /** How a named path will be used, which decides what must be true of it. */
    enum FileUse {
        /** A file that will be read: key stores, password files, the authorization file. */
        READABLE_FILE,
        /** A directory spill files will be written into. */
        WRITABLE_DIRECTORY
    }

    Optional<String> variable(String name);

    /** Empty when the path is fit for its use now, else the reason (phrased to follow the path). */
    Optional<String> fileProblem(Path path, FileUse use);

    /** The process's real environment and file system. */
    static Environment system() {
        return new Environment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.ofNullable(System.getenv(name));
            }

            @Override
            public Optional<String> fileProblem(Path path, FileUse use) {
                if (!Files.exists(path)) {
                    return Optional.of("does not exist");
                }
                if (use == FileUse.READABLE_FILE) {
                    if (Files.isDirectory(path)) {
                        return Optional.of("is a directory, not a file");
                    }
                    return Files.isReadable(path) ? Optional.empty() : Optional.of("is not readable by zkwatch");
                }
                if (!Files.isDirectory(path)) {
                    return Optional.of("is not a directory");
                }
                return Files.isWritable(path) ? Optional.empty() : Optional.of("is not writable by zkwatch");
            }
        };
    }
}
