package dev.tecko.processor.state;

import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.PollError;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded generator of valid whole jobs ({@link LegacyJobState}: the header of {@link JobState} and the rows of
 * {@link BatchRow} are taken from them): retired markers, every optional field present or absent, empty and long
 * lists, unicode and maximum-length text, instants with and without nanos. (The schemas module's record generator is
 * package-private test code of another module, so this one covers the store's records itself.)
 */
final class JobStateGenerator {
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-";
    private static final String[] WORDS = {"batch", "Überprüfung", "\"quoted\"", "line\nbreak", "tab\there", "emoji 🚀",
            "čeština", "日本語", "<b>", "x=1&y=2", "\u0000nul"};
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    private final Random random;

    JobStateGenerator(long seed) {
        this.random = new Random(seed);
    }

    LegacyJobState next() {
        if (random.nextInt(10) == 0) {
            return new LegacyJobState(id(), null, null, random.nextInt(Integer.MAX_VALUE), List.of(), null, null, 0, null, null,
                    null, null, null, null, null, null, 0, random.nextLong());
        }
        int poll = 10 + random.nextInt(86_391);
        return new LegacyJobState(id(), text(255), pick(JobStatus.values()), random.nextInt(Integer.MAX_VALUE),
                list(12, this::batch), id(), target(), poll, maybe(() -> 10 + random.nextInt(poll - 9)),
                maybe(() -> poll + random.nextInt(86_401 - poll)), maybe(this::policy), maybe(this::instant),
                maybe(this::trigger), instant(), instant(), maybe(this::instant), random.nextLong(), random.nextLong());
    }

    private BatchSnapshot batch() {
        return new BatchSnapshot(id(), pick(BatchStatus.values()), maybe(this::counts), maybe(this::fileId),
                maybe(this::fileId), maybe(() -> list(3, this::batchError)), maybe(this::instant), maybe(this::pollError));
    }

    private RequestCounts counts() {
        return new RequestCounts(random.nextInt(Integer.MAX_VALUE), random.nextInt(50_001), random.nextInt(50_001));
    }

    private BatchError batchError() {
        return new BatchError(maybe(() -> text(255)), maybe(() -> text(4096)), maybe(() -> text(255)),
                maybe(random::nextInt));
    }

    private PollError pollError() {
        return new PollError(text(255), maybe(() -> text(4096)), maybe(() -> 100 + random.nextInt(500)));
    }

    private TriggerTarget target() {
        if (pick(TargetType.values()) == TargetType.WEBHOOK) {
            return TriggerTarget.webhook(url(), id());
        }
        return new TriggerTarget(TargetType.KEBOOLA, url(), text(255), text(255), maybe(() -> text(255)),
                maybe(() -> list(4, () -> text(255))), maybe(() -> text(255)), null, id());
    }

    private TriggerPolicy policy() {
        return switch (pick(TriggerPolicy.Type.values())) {
            case ALWAYS -> TriggerPolicy.ALWAYS;
            case ALL_COMPLETED -> TriggerPolicy.ALL_COMPLETED;
            // any double in (0, 1], not only round ones: the ratio's bits must survive
            case MIN_COMPLETED_RATIO -> TriggerPolicy.minCompletedRatio(1.0 - random.nextDouble());
        };
    }

    private TriggerSummary trigger() {
        // error and keboolaJobUrl are not length-checked: sometimes longer than writeUTF's 64 KiB limit
        return new TriggerSummary(id(), 1 + random.nextInt(Integer.MAX_VALUE - 1), instant(),
                maybe(() -> pick(TriggerOutcome.values())), maybe(this::id), maybe(this::url),
                maybe(() -> random.nextInt(20) == 0 ? "ü".repeat(30_000) : text(4096)), maybe(this::instant));
    }

    private String id() {
        int length = random.nextInt(20) == 0 ? 255 : 1 + random.nextInt(40);
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        String id = sb.toString();
        // '.' and '..' are no ids (they mean something else in URL paths)
        return id.equals(".") || id.equals("..") ? id.replace('.', '_') : id;
    }

    private String fileId() {
        String id = id();
        return "file-" + (id.length() > 250 ? id.substring(0, 250) : id);
    }

    private String text(int max) {
        if (random.nextInt(30) == 0) {
            return "x".repeat(max);
        }
        var sb = new StringBuilder(pick(WORDS));
        while (random.nextInt(3) != 0 && sb.length() < max - 20) {
            sb.append(' ').append(pick(WORDS));
        }
        return sb.toString();
    }

    private String url() {
        return pick(new String[]{"https://connection.keboola.com", "https://connection.eu-central-1.keboola.com",
                "http://localhost:" + (1024 + random.nextInt(60_000)) + "/hook?job=1", "HTTPS://HOOKS.EXAMPLE.COM/tecko#done"});
    }

    private Instant instant() {
        Instant t = BASE.plusSeconds(random.nextInt(400_000_000) - 200_000_000L);
        return switch (random.nextInt(3)) {
            case 0 -> t;
            case 1 -> t.plusMillis(random.nextInt(1000));
            default -> t.plusNanos(random.nextInt(1_000_000_000));
        };
    }

    private <T> List<T> list(int max, Supplier<T> element) {
        int n = random.nextInt(4) == 0 ? 0 : random.nextInt(max + 1);
        var values = new ArrayList<T>(n);
        for (int i = 0; i < n; i++) {
            values.add(element.get());
        }
        return values;
    }

    private <T> T maybe(Supplier<T> value) {
        return random.nextInt(3) == 0 ? null : value.get();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
