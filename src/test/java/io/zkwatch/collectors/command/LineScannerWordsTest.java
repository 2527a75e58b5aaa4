package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time methods of {@link LineScanner} give exactly what their byte-at-a-time counterparts give, at
 * every offset and length (lines shorter than a word, needles across word boundaries, bytes above 0x7f).
 */
class LineScannerWordsTest {

    @Test
    void agreeWithTheByteAtATimeMethodsOnRandomLines() throws CollectorException {
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
            for (String needle : new String[] {"whitelist", "serving requests", "w", "\t"}) {
                assertEquals(line.contains(needle), line.containsAscii(needle), needle);
                found += line.containsAscii(needle) ? 1 : 0;
            }
            assertEquals(line.indexOf('\t'), line.indexOfByte((byte) '\t'));
            assertEquals(line.indexOf('='), line.indexOfByte((byte) '='));
            for (int from = 0; from <= line.length(); from += 3) {
                String expected;
                try {
                    expected = line.text(from, line.length());
                } catch (CollectorException e) {
                    expected = e.getMessage();
                }
                String actual;
                try {
                    actual = line.asciiText(from, line.length());
                } catch (CollectorException e) {
                    actual = e.getMessage();
                }
                assertEquals(expected, actual);
            }
        }
        assertTrue(found > 1000);
    }

    @Test
    void asciiTextRefusesMalformedUtf8AsTextDoes() throws CollectorException {
        byte[] bytes = "zk_x\tabcdefgh\u00ffij\n".getBytes(StandardCharsets.ISO_8859_1);
        LineScanner line = new LineScanner(new ByteArrayInputStream(bytes), Command.MNTR, ParseOptions.defaults());
        assertTrue(line.next());
        CollectorException e = assertThrows(CollectorException.class, () -> line.asciiText(5, line.length()));
        assertEquals("mntr line 1: malformed UTF-8", e.getMessage());
    }
}
