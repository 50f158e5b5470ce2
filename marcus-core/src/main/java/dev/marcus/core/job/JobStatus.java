package dev.marcus.core.job;

import dev.marcus.core.model.WireEnum;

/**
 * Where a job stands. A recurring job moves between {@code scheduled}, {@code running} and {@code retrying}; when a
 * run has failed every attempt it is {@code failed} until a later run succeeds (it stays scheduled for its next
 * time). A one-off job ends {@code done}, or {@code dead} when every attempt failed: the dead letter, kept for a
 * person to read and retry.
 */
public enum JobStatus implements WireEnum {
    SCHEDULED,
    RUNNING,
    RETRYING,
    FAILED,
    DEAD,
    DONE;

    public static JobStatus parse(String field, String raw) {
        return WireEnum.parse(JobStatus.class, field, raw);
    }
}
