package io.hybench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A result folder's interval log cut short halfway through its last histogram, as a copy that did not finish leaves it. */
final class CutHlog {
    private CutHlog() {
    }

    /** Cuts {@code hlog}; returns the one line (after the command's name) that a command reading it must print. */
    static String cut(Path hlog) throws IOException {
        List<String> lines = Files.readAllLines(hlog);
        String last = lines.getLast();
        int payload = last.lastIndexOf(',') + 1;
        lines.set(lines.size() - 1, last.substring(0, payload + (last.length() - payload) / 2));
        Files.writeString(hlog, String.join("\n", lines) + "\n");
        return hlog + ":" + lines.size() + ": not an interval histogram line: the histogram is corrupt or cut short";
    }
}
