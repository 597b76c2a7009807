// The feedback question's limits, apart from its schemas (./feedback.ts, classic zod and the
// operations' shared parts): the status page reads them and loads none of those.

/** The longest comment a citizen may leave. */
export const MAX_FEEDBACK_COMMENT = 500;
