package dev.tecko.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The jib-maven-plugin configuration of app/pom.xml's {@code image} profile: what the container image will be. */
record ImageProfile(String pluginVersion, String baseImage, String targetImage, String mainClass, List<String> jvmFlags,
                    List<String> args, List<Integer> ports, String user, Map<String, String> environment,
                    Map<String, String> permissions) {

    static ImageProfile fromPom(Path pom) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            Element profile = children(child(project, "profiles"), "profile").stream()
                    .filter(p -> "image".equals(text(child(p, "id")))).findFirst()
                    .orElseThrow(() -> new AssertionError("app/pom.xml has no profile 'image'"));
            Element jib = children(child(child(profile, "build"), "plugins"), "plugin").stream()
                    .filter(p -> "jib-maven-plugin".equals(text(child(p, "artifactId")))).findFirst()
                    .orElseThrow(() -> new AssertionError("the image profile has no jib-maven-plugin"));
            Element config = child(jib, "configuration");
            Element container = child(config, "container");
            Map<String, String> permissions = new TreeMap<>();
            for (Element permission : children(child(child(config, "extraDirectories"), "permissions"), "permission")) {
                permissions.put(text(child(permission, "file")), text(child(permission, "mode")));
            }
            Map<String, String> environment = new TreeMap<>();
            for (Element variable : children(child(container, "environment"), null)) {
                environment.put(variable.getTagName(), text(variable));
            }
            return new ImageProfile(text(child(jib, "version")), text(child(child(config, "from"), "image")),
                    text(child(child(config, "to"), "image")), text(child(container, "mainClass")),
                    texts(child(container, "jvmFlags"), "jvmFlag"), texts(child(container, "args"), "arg"),
                    texts(child(container, "ports"), "port").stream().map(Integer::valueOf).toList(),
                    text(child(container, "user")), environment, permissions);
        } catch (Exception e) {
            throw new AssertionError("cannot read the image profile of " + pom + ": " + e.getMessage(), e);
        }
    }

    /** The first child element of that name, or null (so a missing optional section reads as empty). */
    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Child elements with that tag, or all of them when the name is null. */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream().map(ImageProfile::text).toList();
    }
}
