package io.hybench.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version, filtered into a resource at build time; written into every result and report. */
public final class ProjectVersion implements IVersionProvider {

    public static String get() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"hybench " + get(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"};
    }
}
