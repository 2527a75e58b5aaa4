package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time methods of {@link LineScanner} give exactly what plain byte-at-a-time code gives, at every offset
 * and length (lines shorter than a word, needles across word boundaries, bytes above 0x7f).
 */
class LineScannerWordsTest {

    /** The line's bytes, one char per byte: {@code String.indexOf} and {@code contains} then compare bytes. */
    private static String latin1(LineScanner line) {
        return new String(line.bytes(), line.start(), line.length(), StandardCharsets.ISO_8859_1);
    }

    /** Strict UTF-8 decoding of {@code [from, length)}, or the scanner's message for malformed input. */
    private static String strict(LineScanner line, int from) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.bytes(), line.start() + from, line.length() - from)).toString();
        } catch (CharacterCodingException e) {
            return "mntr line " + line.lineNumber() + ": malformed UTF-8";
        }
    }

    @Test
    void agreeWithPlainCodeOnRandomLines() throws CollectorException {
        byte[] alphabet = "whitelist serving requests\tabc=,\u00e9".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(6);
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        for (int l = 0; l < 3000; l++) {
            int len = random.nextInt(40);
            for (int i = 0; i < len; i++) {
                reply.write(alphabet[random.nextInt(alphabet.length)]);
            }
            if (random.nextInt(4) == 0) {
                reply.writeBytes("whitelist".getBytes(StandardCharsets.US_ASCII));
            }
            reply.write('\n');
        }
        LineScanner line = new LineScanner(new ByteArrayInputStream(reply.toByteArray()), Command.MNTR,
                ParseOptions.defaults());
        int found = 0;
        while (line.next()) {
            String bytes = latin1(line);
            for (String needle : new String[] {"whitelist", "serving requests", "w", "\t"}) {
                assertEquals(bytes.contains(needle), line.contains(needle), needle);
                found += line.contains(needle) ? 1 : 0;
            }
            assertEquals(bytes.indexOf('\t'), line.indexOf('\t'));
            assertEquals(bytes.indexOf('='), line.indexOf('='));
            for (int from = 0; from <= line.length(); from += 3) {
                String actual;
                try {
                    actual = line.text(from, line.length());
                } catch (CollectorException e) {
                    actual = e.getMessage();
                }
                assertEquals(strict(line, from), actual);
            }
        }
        assertTrue(found > 1000);
    }

    @Test
    void textRefusesMalformedUtf8AfterAnAsciiWord() throws CollectorException {
        byte[] bytes = "zk_x\tabcdefgh\u00ffij\n".getBytes(StandardCharsets.ISO_8859_1);
        LineScanner line = new LineScanner(new ByteArrayInputStream(bytes), Command.MNTR, ParseOptions.defaults());
        assertTrue(line.next());
        CollectorException e = assertThrows(CollectorException.class, () -> line.text(5, line.length()));
        assertEquals("mntr line 1: malformed UTF-8", e.getMessage());
    }
}
