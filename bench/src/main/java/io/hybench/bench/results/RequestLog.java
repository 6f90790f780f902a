package io.hybench.bench.results;

import io.hybench.core.mapper.Json;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends {@code requests.jsonl} one line per request as each request ends, flushed to the operating
 * system at once: a crash or kill keeps every request that finished before it. Many virtual threads
 * append; a lock rather than {@code synchronized} keeps a thread blocked in the write from pinning its
 * carrier on Java 21. Each line is serialised straight to UTF-8 bytes and written in one call (no character
 * encoding pass, no buffer to flush): at a thousand requests a second this is a measurable share of the
 * request threads' time (docs/performance.md, issue 15).
 */
public final class RequestLog implements AutoCloseable {
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();

    public RequestLog(Path file) {
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void append(RequestLine line) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        byte[] lineBytes = Arrays.copyOf(json, json.length + 1);
        lineBytes[json.length] = '\n';
        lock.lock();
        try {
            out.write(lineBytes);
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
