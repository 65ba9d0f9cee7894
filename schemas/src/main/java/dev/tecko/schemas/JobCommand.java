package dev.tecko.schemas;

import java.time.Instant;

/**
 * A request to change a job. Value of {@code job-commands}, key = job id. Written by the API, the CLI or other teams;
 * the processor validates it again and answers with job events.
 */
public record JobCommand(
        int schemaVersion,
        String commandId,
        String jobId,
        CommandType type,
        JobSpec spec,
        JobPatch patch,
        Instant issuedAt,
        String issuedBy,
        String reason) {

    public JobCommand {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(commandId, "commandId");
        Check.id(jobId, "jobId");
        Check.required(type, "type");
        Check.required(issuedAt, "issuedAt");
        issuedBy = Check.optionalText(issuedBy, "issuedBy", Check.MAX_NAME);
        reason = Check.optionalText(reason, "reason", Check.MAX_TEXT);
        if (type == CommandType.CREATE) {
            Check.required(spec, "spec");
        } else if (spec != null) {
            throw new InvalidContractException("spec", "only applies to create");
        }
        if (type == CommandType.UPDATE) {
            Check.required(patch, "patch");
        } else if (patch != null) {
            throw new InvalidContractException("patch", "only applies to update");
        }
    }

    public static JobCommand create(String commandId, String jobId, JobSpec spec, Instant issuedAt) {
        return new JobCommand(Check.CURRENT_SCHEMA_VERSION, commandId, jobId, CommandType.CREATE, spec, null, issuedAt, null, null);
    }

    public static JobCommand update(String commandId, String jobId, JobPatch patch, Instant issuedAt) {
        return new JobCommand(Check.CURRENT_SCHEMA_VERSION, commandId, jobId, CommandType.UPDATE, null, patch, issuedAt, null, null);
    }

    /** pause, resume, cancel, retrigger or delete: commands that carry nothing but the job id. */
    public static JobCommand of(CommandType type, String commandId, String jobId, Instant issuedAt) {
        return new JobCommand(Check.CURRENT_SCHEMA_VERSION, commandId, jobId, type, null, null, issuedAt, null, null);
    }
}
