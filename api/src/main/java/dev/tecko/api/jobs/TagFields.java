package dev.tecko.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.api.http.FieldReader;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchTag;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fields of a create request that make a job find its batches by their tag: {@code batchTag} (an object
 * {@code {key, value}}, or the CLI's string {@code "key=value"}), {@code tagSince}, {@code sealAt}, {@code expectedBatches}.
 * Read into the same {@link FieldReader} as the rest of the request, so one 400 lists every field at fault.
 *
 * @param tag null for a job that names its batch ids only
 */
record TagFields(BatchTag tag, Instant since, Instant sealAt, Integer expectedBatches) {
    static final String BATCH_TAG = "batchTag";
    /** The settings that only mean something with a tag. */
    private static final List<String> SETTINGS = List.of("tagSince", "sealAt", "expectedBatches");
    /** The tag and its settings: fixed at creation. */
    static final List<String> NAMES = Stream.concat(Stream.of(BATCH_TAG), SETTINGS.stream()).toList();
    private static final String ONLY_WITH_TAG = "only applies to a job with a batchTag";

    /**
     * @param maxBatches the deployment's batches per job: a job expecting more could never hold them, so it is refused now
     */
    static TagFields read(FieldReader f, int maxBatches) {
        boolean tagged = f.has(BATCH_TAG);
        BatchTag tag = tag(f);
        Instant since = f.instant("tagSince");
        Instant sealAt = f.instant("sealAt");
        Integer expected = f.integer("expectedBatches", 1, maxBatches);
        if (!tagged) {
            // named, not silently dropped: a sealAt without a tag would be a job that never seals as asked
            SETTINGS.stream().filter(f::has).forEach(name -> f.error(name, ONLY_WITH_TAG));
        }
        return new TagFields(tag, since, sealAt, expected);
    }

    /** An update cannot change any of them: they decide which batches the job has, which is fixed once it exists. */
    static void refuseChange(FieldReader f) {
        for (String name : NAMES) {
            if (f.has(name)) {
                f.error(name, "cannot change after the job is created");
                f.raw(name);
            }
        }
    }

    /** The settings of a job as it was created, read back from its search (all null for a job without a tag). */
    static TagFields of(BatchSearch search) {
        return search == null ? new TagFields(null, null, null, null)
                : new TagFields(search.tag(), search.since(), search.sealAt(), search.expectedBatches());
    }

    private static BatchTag tag(FieldReader f) {
        JsonNode node = f.raw(BATCH_TAG);
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String pair = node.textValue();
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                f.error(BATCH_TAG, "must be key=value (e.g. run=nightly-2026-12-04) or an object {\"key\": …, \"value\": …}");
                return null;
            }
            return checked(f, pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (!node.isObject()) {
            f.error(BATCH_TAG, "must be an object {\"key\": …, \"value\": …} or a string key=value");
            return null;
        }
        // its own reader, so an unknown member is named as batchTag.<member> like every other field at fault
        var inner = new FieldReader((ObjectNode) node);
        String key = inner.text("key", true, BatchTag.MAX_KEY);
        String value = inner.text("value", true, BatchTag.MAX_VALUE);
        inner.rejectUnread();
        inner.errors().forEach(e -> f.error(BATCH_TAG + "." + e.field(), e.message()));
        return inner.errors().isEmpty() ? new BatchTag(key, value) : null;
    }

    /** The bounds of the string form, checked as the object form's are: each part named on its own. */
    private static BatchTag checked(FieldReader f, String key, String value) {
        int before = f.errors().size();
        bounded(f, "key", key, BatchTag.MAX_KEY);
        bounded(f, "value", value, BatchTag.MAX_VALUE);
        return f.errors().size() > before ? null : new BatchTag(key, value);
    }

    private static void bounded(FieldReader f, String part, String text, int max) {
        if (text.isBlank()) {
            f.error(BATCH_TAG + "." + part, "must not be blank");
        } else if (text.length() > max) {
            f.error(BATCH_TAG + "." + part, "must be at most " + max + " characters");
        }
    }
}
