package dev.tecko.api.jobs;

import dev.tecko.api.http.ApiProblem;
import dev.tecko.api.http.FieldError;
import dev.tecko.api.http.ProblemType;
import dev.tecko.api.views.SecretsView;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A job may only name secrets that exist and are of the kind its field needs; otherwise 422, naming each field. */
public final class SecretReferences {
    private final SecretsView secrets;

    public SecretReferences(SecretsView secrets) {
        this.secrets = secrets;
    }

    /** Checks the OpenAI secret and the target's secret, whichever are given (null = not changed). */
    public void check(String openaiSecret, TriggerTarget target) {
        List<FieldError> errors = new ArrayList<>();
        check(errors, "openaiSecret", openaiSecret, null);
        if (target != null) {
            boolean webhook = target.type() == TargetType.WEBHOOK;
            check(errors, webhook ? "webhookSecret" : "keboolaSecret", target.secret(), target.type().secretType());
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.UNKNOWN_SECRET, errors.size() == 1 ? "1 secret reference cannot be used"
                    : errors.size() + " secret references cannot be used", errors, Map.of());
        }
    }

    /**
     * A job with a {@code batchTag} finds its batches by their metadata, which only some providers keep: its batch
     * provider's secret (an existing one; {@link #check} reports the others) must be of such a provider, else a 400
     * naming the field at fault with {@link Provider#refuseBatchTag()}'s reason.
     *
     * @param tag   null for a job without a tag (nothing to check)
     * @param field what to name: {@code batchTag} on a create, {@code openaiSecret} on an update (the tag is fixed then)
     */
    public void checkBatchTag(String openaiSecret, BatchTag tag, String field) {
        if (tag == null || openaiSecret == null) {
            return;
        }
        secrets.get(openaiSecret).flatMap(secret -> Provider.of(secret.type())).flatMap(Provider::refuseBatchTag)
                .ifPresent(reason -> {
                    throw ApiProblem.invalid(List.of(new FieldError(field, reason)));
                });
    }

    /** @param type the type the field needs; null for any batch provider's key (openai, anthropic, gemini) */
    private void check(List<FieldError> errors, String field, String name, SecretType type) {
        if (name == null) {
            return;
        }
        Optional<EncryptedSecret> secret = secrets.get(name);
        if (secret.isEmpty()) {
            errors.add(new FieldError(field, "no secret is named '" + name + "'"));
        } else if (type == null ? !secret.get().type().isBatchProvider() : secret.get().type() != type) {
            errors.add(new FieldError(field, "secret '" + name + "' is of type " + secret.get().type().wire() + ", not "
                    + (type == null ? "a batch provider's key (openai, anthropic or gemini)" : type.wire())));
        }
    }
}
