package dev.tecko.platform.targets;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.SecretType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which URLs a job may send its trigger to, so the API cannot be used to reach internal addresses: {@code https} on
 * {@code *.keboola.com}, {@code *.keboola.cloud} and the configured patterns; never an IP literal or credentials in the
 * URL; {@code http}/{@code https} on {@code 127.0.0.1}/{@code localhost} only when loopback is allowed (the sandbox).
 * OpenAI base URLs on secrets follow the same rules with their own hosts: {@code api.openai.com},
 * {@code *.openai.azure.com} and {@link #OPENAI_HOSTS}, so an API key goes only to an OpenAI-compatible server someone
 * allowed.
 */
public final class TargetAllowList {
    /** Extra allowed hosts, comma-separated {@code host.example.com} or {@code *.example.com}; read by every runtime. */
    public static final String TARGET_HOSTS = "TECKO_API_TARGET_HOSTS";
    /** Whether loopback targets are allowed (the sandbox). */
    public static final String ALLOW_LOOPBACK = "TECKO_API_ALLOW_LOOPBACK";
    public static final List<String> BUILT_IN = List.of("*.keboola.com", "*.keboola.cloud");
    /** Extra hosts for OpenAI-compatible base URLs (LiteLLM, vLLM, a proxy), in the same form as {@link #TARGET_HOSTS}. */
    public static final String OPENAI_HOSTS = "TECKO_OPENAI_HOSTS";
    public static final List<String> BUILT_IN_OPENAI = List.of("api.openai.com", "*.openai.azure.com");
    /** Anthropic's and Google's own API hosts: where their keys go unless {@link #OPENAI_HOSTS} allows more. */
    public static final List<String> BUILT_IN_ANTHROPIC = List.of("api.anthropic.com");
    public static final List<String> BUILT_IN_GEMINI = List.of("generativelanguage.googleapis.com");
    private static final Pattern HOST_PATTERN = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost");

    private final List<String> patterns;
    private final List<String> openAiPatterns;
    private final List<String> anthropicPatterns;
    private final List<String> geminiPatterns;
    private final boolean allowLoopback;

    public TargetAllowList(List<String> extraPatterns, boolean allowLoopback) {
        this(extraPatterns, List.of(), allowLoopback);
    }

    public TargetAllowList(List<String> extraPatterns, List<String> extraOpenAiPatterns, boolean allowLoopback) {
        this.patterns = concat(BUILT_IN, extraPatterns);
        this.openAiPatterns = concat(BUILT_IN_OPENAI, extraOpenAiPatterns);
        this.anthropicPatterns = concat(BUILT_IN_ANTHROPIC, extraOpenAiPatterns);
        this.geminiPatterns = concat(BUILT_IN_GEMINI, extraOpenAiPatterns);
        this.allowLoopback = allowLoopback;
    }

    private static List<String> concat(List<String> builtIn, List<String> extra) {
        var all = new ArrayList<>(builtIn);
        all.addAll(extra);
        return List.copyOf(all);
    }

    /**
     * The allow-list as configured: the same variables for the API, the processor and the dispatcher, so a rule is
     * enforced where data is applied and where it is sent, not only where it enters.
     */
    public static TargetAllowList from(TeckoConfig config) {
        return new TargetAllowList(configuredHosts(config), hosts(config, OPENAI_HOSTS), config.bool(ALLOW_LOOPBACK, false));
    }

    /** The extra host patterns of {@link #TARGET_HOSTS}, lower-cased; a pattern that is no host stops start-up. */
    public static List<String> configuredHosts(TeckoConfig config) {
        return hosts(config, TARGET_HOSTS);
    }

    private static List<String> hosts(TeckoConfig config, String variable) {
        List<String> patterns = config.optional(variable).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
        for (String pattern : patterns) {
            if (!HOST_PATTERN.matcher(pattern).matches()) {
                throw new ConfigException(variable + " holds '" + pattern + "', which is neither host.example.com nor *.example.com");
            }
        }
        return patterns;
    }

    /** Why a trigger target URL is refused, or empty when it is allowed. */
    public Optional<String> refuseTarget(String url) {
        return refuse(url, patterns);
    }

    /** Why an OpenAI secret's base URL is refused: the target rules, with OpenAI's hosts and {@link #OPENAI_HOSTS}. */
    public Optional<String> refuseOpenAiBaseUrl(String url) {
        return refuse(url, openAiPatterns);
    }

    /**
     * Why a batch provider secret's base URL is refused: the target rules, with the provider's own hosts and
     * {@link #OPENAI_HOSTS} (extra hosts for any provider's compatible server or proxy).
     */
    public Optional<String> refuseProviderBaseUrl(SecretType type, String url) {
        return switch (type) {
            case ANTHROPIC -> refuse(url, anthropicPatterns);
            case GEMINI -> refuse(url, geminiPatterns);
            default -> refuse(url, openAiPatterns);
        };
    }

    private Optional<String> refuse(String url, List<String> allowed) {
        return parse(url).map(Optional::of).orElseGet(() -> {
            URI uri = URI.create(url);
            String host = host(uri);
            if (allowLoopback && LOOPBACK.contains(host)) {
                return Optional.empty();
            }
            if (!uri.getScheme().equalsIgnoreCase("https")) {
                return Optional.of("must be https");
            }
            if (isIpLiteral(host)) {
                return Optional.of("must name a host, not an IP address");
            }
            if (allowed.stream().noneMatch(p -> matches(p, host))) {
                return Optional.of("host " + host + " is not on the allow-list (" + String.join(", ", allowed) + ")");
            }
            return Optional.empty();
        });
    }

    /** Why a secret's base URL is refused: it must be https, or loopback when that is allowed. */
    public Optional<String> refuseBaseUrl(String url) {
        return parse(url).map(Optional::of).orElseGet(() -> {
            URI uri = URI.create(url);
            if (uri.getScheme().equalsIgnoreCase("https") || (allowLoopback && LOOPBACK.contains(host(uri)))) {
                return Optional.empty();
            }
            return Optional.of("must be https");
        });
    }

    /** A reason when the text is no absolute http(s) URL with a host and without credentials. */
    private static Optional<String> parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getHost() == null) {
            return Optional.of("must name a host");
        }
        return Optional.empty();
    }

    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.contains(":") || IPV4.matcher(host).matches();
    }

    private static boolean matches(String pattern, String host) {
        return pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1
                : host.equals(pattern);
    }
}
