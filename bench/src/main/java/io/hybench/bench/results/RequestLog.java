package io.hybench.bench.results;

import io.hybench.core.mapper.Json;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends {@code requests.jsonl} one line per request as each request ends, flushed to the operating
 * system at once: a crash or kill keeps every request that finished before it. Many virtual threads
 * append; a lock rather than {@code synchronized} keeps a thread blocked in the write from pinning its
 * carrier on Java 21.
 */
public final class RequestLog implements AutoCloseable {
    private final BufferedWriter out;
    private final ReentrantLock lock = new ReentrantLock();

    public RequestLog(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void append(RequestLine line) {
        String json;
        try {
            json = Json.REQUEST_THREADS_MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        lock.lock();
        try {
            out.write(json);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }
}
