package dev.tecko.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("asyncapi.yaml")
class AsyncApiTest {
    private static final Path FILE = Path.of("asyncapi.yaml");
    private static JsonNode doc;

    @BeforeAll
    static void parse() throws IOException {
        doc = new YAMLMapper().readTree(Files.readAllBytes(FILE));
    }

    private static Map<String, JsonNode> channelsByAddress() {
        Map<String, JsonNode> channels = new TreeMap<>();
        doc.get("channels").forEach(channel -> channels.put(channel.get("address").asText(), channel));
        return channels;
    }

    @Test
    @DisplayName("given the document when parsed then it declares AsyncAPI 3.0.0")
    void givenDocument_whenParsed_thenAsyncApi3() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
    }

    @Test
    @DisplayName("given the channels when their addresses are collected then they are exactly the catalog's topics")
    void givenChannels_whenAddressesCollected_thenExactlyTheCatalog() {
        Set<String> catalog = Topics.withDefaultPrefix().all().stream().map(Topic::name).collect(Collectors.toSet());
        assertThat(channelsByAddress().keySet()).containsExactlyInAnyOrderElementsOf(catalog);
    }

    @Test
    @DisplayName("given each topic when its channel is read then the kafka binding names it and its cleanup policy matches the catalog")
    void givenEachTopic_whenChannelRead_thenBindingMatchesCatalog() {
        Map<String, JsonNode> channels = channelsByAddress();
        for (Topic<?, ?> topic : Topics.withDefaultPrefix().all()) {
            JsonNode kafka = channels.get(topic.name()).path("bindings").path("kafka");
            assertThat(kafka.path("topic").asText()).as(topic.name()).isEqualTo(topic.name());
            List<String> policy = new ArrayList<>();
            kafka.path("topicConfiguration").path("cleanup.policy").forEach(p -> policy.add(p.asText()));
            assertThat(policy).as(topic.name() + " cleanup.policy").containsExactly(topic.compacted() ? "compact" : "delete");
        }
    }

    @Test
    @DisplayName("given each channel when operations are collected then someone sends to it and someone receives from it")
    void givenEachChannel_whenOperationsCollected_thenSentAndReceived() {
        Map<String, Set<String>> actions = new TreeMap<>();
        doc.get("operations").forEach(op -> {
            String channel = op.path("channel").path("$ref").asText();
            assertThat(resolve(channel)).as(channel).isNotNull();
            actions.computeIfAbsent(channel, c -> new HashSet<>()).add(op.path("action").asText());
        });
        doc.get("channels").fieldNames().forEachRemaining(name ->
                assertThat(actions.get("#/channels/" + name)).as(name).containsExactlyInAnyOrder("send", "receive"));
    }

    @Test
    @DisplayName("given every $ref when resolved then local ones point into the document and file ones to existing schema files")
    void givenEveryRef_whenResolved_thenItExists() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        Set<String> files = new HashSet<>();
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                assertThat(resolve(ref)).as(ref).isNotNull();
            } else {
                assertThat(FILE.resolveSibling(ref).normalize()).as(ref).isRegularFile();
                files.add(Path.of(ref).getFileName().toString());
            }
        }
        Set<String> expected = Contracts.RECORDS.keySet().stream().map(n -> n + ".schema.json").collect(Collectors.toSet());
        assertThat(files).as("every topic schema is referenced").isEqualTo(expected);
    }

    private static JsonNode resolve(String localRef) {
        JsonNode node = doc.at(localRef.substring(1));
        return node.isMissingNode() ? null : node;
    }

    private static void collectRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    into.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, into));
        }
    }
}
