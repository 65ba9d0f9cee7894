package dev.tecko.schemas;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Constructor-time validation shared by every contract record. */
public final class Check {
    /** Job and batch ids: what OpenAI and compatible servers use, without demanding the {@code batch_} prefix. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");
    public static final int CURRENT_SCHEMA_VERSION = 1;
    public static final int MAX_TEXT = 4096;
    /** The longest name, code or file id a contract holds (a job's name as TeckoChecker allowed it, ids). */
    public static final int MAX_NAME = 255;

    private Check() {
    }

    public static int schemaVersion(int value) {
        if (value == 0) {
            return CURRENT_SCHEMA_VERSION;
        }
        if (value < 1) {
            throw new InvalidContractException("schemaVersion", "must be 1 or more, got " + value);
        }
        return value;
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidContractException(field, "is required");
        }
        return value;
    }

    /** Whether the text is an id: {@link #ID}'s characters, and not {@code .} or {@code ..}. */
    public static boolean isId(String value) {
        return value != null && hasIdCharacters(value) && !isDots(value);
    }

    /**
     * {@link #ID} as a loop over the characters: every contract record checks its ids in its constructor, and the
     * processor builds a job's records (a thousand batch ids and more) on each change, where the regular expression
     * cost a sixth of the time. {@code CheckTest} holds the two to the same answers.
     */
    static boolean hasIdCharacters(String value) {
        int length = value.length();
        if (length == 0 || length > 255) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** {@code .} and {@code ..}: in URL paths ({@code /api/jobs/{id}}) they mean "here" and "up". */
    private static boolean isDots(String value) {
        return value.equals(".") || value.equals("..");
    }

    public static String id(String value, String field) {
        required(value, field);
        if (!hasIdCharacters(value)) {
            throw new InvalidContractException(field,
                    "must be 1-255 characters of letters, digits, '_', '.', ':' or '-', got '" + abbreviate(value) + "'");
        }
        if (isDots(value)) {
            // ids end up in URL paths (/api/jobs/{id}), where these two mean "here" and "up"
            throw new InvalidContractException(field, "must not be '.' or '..'");
        }
        return value;
    }

    /** The latest instant a contract accepts: four-digit years, as RFC 3339 and every store of ours can hold. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** An optional point in time no later than year 9999 (a later one overflows stores and is no RFC 3339 date-time). */
    public static Instant optionalInstant(Instant value, String field) {
        if (value != null && value.isAfter(LATEST)) {
            throw new InvalidContractException(field, "must be no later than 9999-12-31T23:59:59Z, got " + value);
        }
        return value;
    }

    /** A trigger id must be the one its job id and generation determine ({@code jobId:generation}). */
    public static void triggerId(String triggerId, String jobId, int generation) {
        range(generation, "generation", 1, Integer.MAX_VALUE);
        String expected = TriggerCommand.triggerId(jobId, generation);
        if (!expected.equals(triggerId)) {
            throw new InvalidContractException("triggerId", "must be '" + expected + "'");
        }
    }

    public static String text(String value, String field, int max) {
        required(value, field);
        if (value.isBlank()) {
            throw new InvalidContractException(field, "must not be blank");
        }
        if (value.length() > max) {
            throw new InvalidContractException(field, "must be at most " + max + " characters, got " + value.length());
        }
        return value;
    }

    /** Optional text: null and "" both mean absent (OpenAI sends {@code error_file_id: ""}). */
    public static String optionalText(String value, String field, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return text(value, field, max);
    }

    public static String optionalId(String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return id(value, field);
    }

    public static URI httpUrl(String value, String field) {
        text(value, field, 2048);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) || uri.getHost() == null) {
                throw new InvalidContractException(field, "must be an absolute http(s) URL, got '" + abbreviate(value) + "'");
            }
            if (uri.getUserInfo() != null) {
                throw new InvalidContractException(field, "must not carry credentials in the URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidContractException(field, "is not a valid URL: " + e.getReason());
        }
    }

    public static int range(int value, String field, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidContractException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public static int nonNegative(int value, String field) {
        return range(value, field, 0, Integer.MAX_VALUE);
    }

    public static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    /** A copy keeping the order; null entries are refused, since they would not survive a round trip. */
    public static <K, V> Map<K, V> map(Map<K, V> value, String field) {
        if (value == null) {
            return Map.of();
        }
        value.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new InvalidContractException(field, "must not hold null names or values");
            }
        });
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(value));
    }

    public static List<String> distinctIds(List<String> value, String field, int min, int max) {
        required(value, field);
        if (value.size() < min || value.size() > max) {
            throw new InvalidContractException(field, "must hold " + min + " to " + max + " entries, got " + value.size());
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < value.size(); i++) {
            String id = id(value.get(i), field + "[" + i + "]");
            if (!seen.add(id)) {
                throw new InvalidContractException(field + "[" + i + "]", "duplicate id '" + id + "'");
            }
        }
        return List.copyOf(value);
    }

    public static void noNulls(Collection<?> values, String field) {
        int i = 0;
        for (Object v : values) {
            if (v == null) {
                throw new InvalidContractException(field + "[" + i + "]", "must not be null");
            }
            i++;
        }
    }

    static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
