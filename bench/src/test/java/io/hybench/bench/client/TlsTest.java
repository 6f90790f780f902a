package io.hybench.bench.client;

import io.hybench.bench.client.protocols.StreamingClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS over loopback with the JDK's engine: a server whose certificate (self-signed for localhost, in
 * test resources) the client trusts only when the trust store names it, as the cloud APIs' certificates
 * are trusted through the JDK's own store.
 */
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String SSE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
            + "data: [DONE]\n\n";
    private final String trustStoreBefore = System.getProperty("javax.net.ssl.trustStore");

    @AfterEach
    void restoreTrustStore() {
        if (trustStoreBefore == null) System.clearProperty("javax.net.ssl.trustStore");
        else System.setProperty("javax.net.ssl.trustStore", trustStoreBefore);
        System.clearProperty("javax.net.ssl.trustStorePassword");
    }

    private static Path resource(String name) throws Exception {
        return Path.of(TlsTest.class.getResource(name).toURI());
    }

    /** Answers one HTTPS request with a chunked SSE stream, then closes. */
    private static SSLServerSocket server() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsTest.class.getResourceAsStream("tls-localhost.p12")) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            try (Socket c = s.accept(); InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                String head = readHead(in);
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
                in.readNBytes(length);
                byte[] body = SSE.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the client refused the handshake: nothing to answer
            }
        });
        return s;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            b.write(c);
            if (b.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) break;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static RequestRecord call(int port) {
        RunClock clock = RunClock.startingNow();
        Target t = new Target("tls", ApiKind.OPENAI, ServerFlavor.OPENAI, URI.create("https://localhost:" + port), "m", null);
        ClientOptions options = new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
        try (StreamingClient c = StreamingClients.create(t, options, clock, ApiKey.none())) {
            return c.execute(GenerationRequest.chat("r1", "hello", 16), clock.nanos());
        }
    }

    @Test
    void aTrustedCertificateStreamsOverTls() throws Exception {
        System.setProperty("javax.net.ssl.trustStore", resource("tls-trust.p12").toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        try (SSLServerSocket s = server()) {
            RequestRecord r = call(s.getLocalPort());
            assertNull(r.error(), () -> r.error().message());
            assertEquals("Hi", r.reply().text());
        }
    }

    @Test
    void anUntrustedCertificateIsAConnectFailure() throws Exception {
        try (SSLServerSocket s = server()) {
            RequestRecord r = call(s.getLocalPort());
            assertEquals(ErrorClass.CONNECT, r.error().errorClass(), r.error().message());
            assertTrue(r.error().message().startsWith("cannot connect to https://localhost:" + s.getLocalPort()), r.error().message());
        }
    }
}
