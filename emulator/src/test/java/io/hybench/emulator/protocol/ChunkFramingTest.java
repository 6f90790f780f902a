package io.hybench.emulator.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ChunkFramingTest {
    /** The bytes Netty's own encoder writes for {@code data} as a chunk of a chunked response. */
    private static byte[] encodersChunk(byte[] data) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        DefaultHttpResponse headers = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        headers.headers().set("Transfer-Encoding", "chunked");
        channel.writeOutbound(headers);
        channel.releaseOutbound();
        channel.writeOutbound(new DefaultHttpContent(Unpooled.wrappedBuffer(data)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = channel.readOutbound()) != null; b.release()) out.writeBytes(ByteBufUtil.getBytes(b));
        channel.finishAndReleaseAll();
        return out.toByteArray();
    }

    // sizes across hex digit counts: 1 to 15 take one digit, 16 to 255 two, and so on
    @Property(tries = 300)
    void aChunkIsFramedAsNettysEncoderFramesIt(@ForAll @Size(min = 1, max = 70_000) byte[] data) {
        ByteBuf framed = Exchange.framed(UnpooledByteBufAllocator.DEFAULT, data);
        try {
            assertArrayEquals(encodersChunk(data), ByteBufUtil.getBytes(framed));
        } finally {
            framed.release();
        }
    }
}
