package dev.tecko.schemas;

import java.util.List;

/**
 * Where a finished job is reported: a Keboola configuration run (TeckoChecker's only target) or a webhook.
 * {@code secret} names a secret in the {@code secrets} topic (the Keboola Storage API token, or the webhook signing key);
 * the value itself never travels in a contract.
 */
public record TriggerTarget(
        TargetType type,
        String stackUrl,
        String componentId,
        String configId,
        String branchId,
        List<String> configRowIds,
        String tag,
        String url,
        String secret) {

    public TriggerTarget {
        Check.required(type, "target.type");
        configRowIds = Check.list(configRowIds);
        Check.noNulls(configRowIds, "target.configRowIds");
        Check.id(secret, "target.secret");
        switch (type) {
            case KEBOOLA -> {
                Check.httpUrl(stackUrl, "target.stackUrl");
                Check.text(componentId, "target.componentId", Check.MAX_NAME);
                Check.text(configId, "target.configId", Check.MAX_NAME);
                branchId = Check.optionalText(branchId, "target.branchId", Check.MAX_NAME);
                tag = Check.optionalText(tag, "target.tag", Check.MAX_NAME);
                for (int i = 0; i < configRowIds.size(); i++) {
                    Check.text(configRowIds.get(i), "target.configRowIds[" + i + "]", Check.MAX_NAME);
                }
                if (url != null) {
                    throw new InvalidContractException("target.url", "only applies to type webhook");
                }
            }
            case WEBHOOK -> {
                Check.httpUrl(url, "target.url");
                if (stackUrl != null || componentId != null || configId != null || branchId != null || tag != null
                        || !configRowIds.isEmpty()) {
                    throw new InvalidContractException("target", "a webhook target takes only url and secret");
                }
            }
        }
    }

    public static TriggerTarget keboola(String stackUrl, String componentId, String configId, String secret) {
        return new TriggerTarget(TargetType.KEBOOLA, stackUrl, componentId, configId, null, List.of(), null, null, secret);
    }

    public static TriggerTarget webhook(String url, String secret) {
        return new TriggerTarget(TargetType.WEBHOOK, null, null, null, null, List.of(), null, url, secret);
    }
}
