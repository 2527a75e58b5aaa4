package io.zkwatch.collectors.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Caches one {@link SSLContext} and rebuilds it when the files behind it change, so certificates can be
 * rotated on disk without a restart. A change is a different modification time or size of any file.
 */
final class ReloadingSslContextSource implements SslContextSource {
    private final SslContextSource loader;
    private final List<Path> files;
    private List<String> loadedStamp = List.of();
    private SSLContext context;

    ReloadingSslContextSource(SslContextSource loader, List<Path> files) {
        this.loader = loader;
        this.files = List.copyOf(files);
    }

    @Override
    public synchronized SSLContext sslContext() throws IOException, GeneralSecurityException {
        List<String> stamp = stamp();
        if (context == null || !stamp.equals(loadedStamp)) {
            context = loader.sslContext();
            loadedStamp = stamp;
        }
        return context;
    }

    private List<String> stamp() throws IOException {
        List<String> stamp = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamp.add(attributes.lastModifiedTime() + "/" + attributes.size());
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(file + " (TLS material missing)");
            }
        }
        return stamp;
    }
}
