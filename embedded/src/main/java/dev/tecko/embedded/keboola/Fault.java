package dev.tecko.embedded.keboola;

/** How the sandbox misbehaves on {@code POST /jobs}, switched on by tests and demos. */
public enum Fault {
    /** Answer 503 Service Unavailable. */
    UNAVAILABLE,
    /** Answer 429 Too Many Requests with a {@code Retry-After} header. */
    TOO_MANY_REQUESTS,
    /** Answer 400 with Keboola's error body. */
    BAD_REQUEST,
    /** Accept the connection and never answer (until the fault is cleared or the sandbox closes). */
    HANG,
    /** Create the job, then close the connection without an answer: the job exists, the client cannot know. */
    CREATE_THEN_DROP,
    /** Create the job, then answer 500 as a failing gateway would: the job exists although the answer says error. */
    CREATE_THEN_500,
    /** Create the job and answer 201 with a body that is no Job object (no id). */
    CREATE_THEN_GARBAGE,
    /** Create the job and answer only after {@link SandboxKeboola#slowAnswer(java.time.Duration)} (real time). */
    SLOW
}
