package dev.tecko.poller.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.SecretType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EndpointResolverTest {
    private static final String KEY = "very-secret-key-0123456789";

    private static EndpointResolver resolver(Secret... secrets) {
        Map<String, Secret> byName = new java.util.HashMap<>();
        for (Secret s : secrets) {
            byName.put(s.name(), s);
        }
        SecretSource source = name -> Optional.ofNullable(byName.get(name));
        return new EndpointResolver(source, "https://proxy.example.com/v1", new TargetAllowList(List.of(), List.of(), false));
    }

    @Test
    @DisplayName("given an anthropic and a gemini secret without a base URL when resolved then each gets its provider, its API's URL and its headers")
    void providersAndDefaults() {
        var resolver = resolver(new Secret("a", SecretType.ANTHROPIC, null, KEY), new Secret("g", SecretType.GEMINI, " ", KEY),
                new Secret("o", SecretType.OPENAI, null, KEY));

        ProviderEndpoint a = resolver.resolve("a").orElseThrow();
        ProviderEndpoint g = resolver.resolve("g").orElseThrow();
        ProviderEndpoint o = resolver.resolve("o").orElseThrow();

        assertThat(a.provider()).isEqualTo(Provider.ANTHROPIC);
        assertThat(a.baseUrl()).hasToString("https://api.anthropic.com/v1");
        assertThat(a.authHeaders().toMultimap()).containsOnlyKeys("x-api-key", "anthropic-version");
        assertThat(g.provider()).isEqualTo(Provider.GEMINI);
        assertThat(g.baseUrl()).hasToString("https://generativelanguage.googleapis.com/v1beta");
        assertThat(g.authHeaders().toMultimap()).containsOnlyKeys("x-goog-api-key");
        assertThat(o.provider()).isEqualTo(Provider.OPENAI);
        assertThat(o.baseUrl()).as("the operator's default is OpenAI's only").hasToString("https://proxy.example.com/v1");
        assertThat(o.authHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(List.of(a, g, o)).allSatisfy(e -> assertThat(e.toString()).doesNotContain(KEY));
    }

    @Test
    @DisplayName("given a base URL on another provider's list, off every list, or a keboola secret when resolved then refused without naming the key")
    void refusals() {
        var resolver = resolver(new Secret("a", SecretType.ANTHROPIC, "https://api.openai.com/v1", KEY),
                new Secret("g", SecretType.GEMINI, "https://evil.example.com/v1beta", KEY),
                new Secret("k", SecretType.KEBOOLA, null, KEY));

        for (String name : List.of("a", "g", "k")) {
            assertThatThrownBy(() -> resolver.resolve(name)).isInstanceOfSatisfying(EndpointResolver.RefusedException.class,
                    e -> assertThat(e.getMessage()).contains("'" + name + "'").doesNotContain(KEY));
        }
        assertThat(resolver(new Secret("g", SecretType.GEMINI, "https://generativelanguage.googleapis.com/v1beta", KEY))
                .resolve("g")).isPresent();
    }
}
