package dev.tecko.deploy;

import dev.tecko.platform.config.TeckoConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every {@code TECKO_*} variable the code can read. There is no registry of them: settings classes name them as
 * literals, as constants folded by javac, or build them from a runtime name ({@code "TECKO_" + runtime + "_METRICS_PORT"}).
 * So this reads the string constants of every {@code dev.tecko} class of the main jars on the class path (test jars and
 * test classes excluded), and the {@code ${TECKO_…}} references of their XML resources (logback.xml); a concatenation
 * recipe becomes a pattern whose holes are one upper-case word. {@code TECKO_KAFKA_*} is the pass-through.
 */
final class KnownVariables {
    private static final Pattern NAME = Pattern.compile("TECKO_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern RECIPE = Pattern.compile("TECKO_[A-Z0-9_\u0001]*[A-Z0-9]");
    private static final Pattern XML_REFERENCE = Pattern.compile("\\$\\{(TECKO_[A-Z0-9_]+)");
    private static final String HOLE = "[A-Z][A-Z0-9]*";

    private final Set<String> names;
    private final List<Pattern> patterns;

    private KnownVariables(Set<String> names, List<Pattern> patterns) {
        this.names = names;
        this.patterns = patterns;
    }

    static KnownVariables fromClassPath() {
        Set<String> names = new TreeSet<>();
        Set<String> recipes = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (isMainArtifact(entry)) {
                scan(Path.of(entry), (path, in) -> read(path, in, names, recipes));
            }
        }
        List<Pattern> patterns = recipes.stream().map(KnownVariables::toPattern).toList();
        return new KnownVariables(names, patterns);
    }

    /** Tecko's own main code: test jars and test-classes directories name variables only to set them. */
    private static boolean isMainArtifact(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return !name.endsWith("-tests.jar") && !name.equals("test-classes") && (name.startsWith("tecko-") || name.equals("classes"));
    }

    private static void read(String path, InputStream in, Set<String> names, Set<String> recipes) {
        try {
            if (path.startsWith("dev/tecko/") && path.endsWith(".class")) {
                for (String constant : ClassConstants.utf8(in)) {
                    if (NAME.matcher(constant).matches()) {
                        names.add(constant);
                    } else if (RECIPE.matcher(constant).matches()) {
                        recipes.add(constant);
                    }
                }
            } else if (!path.contains("/") && path.endsWith(".xml")) {
                Matcher m = XML_REFERENCE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static Pattern toPattern(String recipe) {
        var regex = new StringBuilder();
        for (String part : recipe.split("\u0001", -1)) {
            regex.append(regex.isEmpty() ? "" : HOLE).append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** Calls {@code visit} with each entry's path (slash-separated, relative) of a jar or a classes directory. */
    private static void scan(Path entry, BiConsumer<String, InputStream> visit) {
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            visit.accept(entry.relativize(file).toString().replace(File.separatorChar, '/'), in);
                        }
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                try (var jar = new JarFile(entry.toFile())) {
                    for (var e : jar.stream().filter(e -> !e.isDirectory()).toList()) {
                        try (InputStream in = jar.getInputStream(e)) {
                            visit.accept(e.getName(), in);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry, e);
        }
    }

    /** Whether some code reads this variable: a name it spells, one a concatenation builds, or the Kafka pass-through. */
    boolean isKnown(String variable) {
        if (variable.startsWith(TeckoConfig.KAFKA_PREFIX) && variable.length() > TeckoConfig.KAFKA_PREFIX.length()) {
            return true;
        }
        return names.contains(variable) || patterns.stream().anyMatch(p -> p.matcher(variable).matches());
    }

    Set<String> names() {
        return names;
    }

    List<Pattern> patterns() {
        return patterns;
    }
}
