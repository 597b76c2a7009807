// The part of autocannon 9 (which ships no types) that bench/issue-http.ts uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    body?: string;
    /** Replaces every `[<id>]` in the body with a fresh id per request. */
    idReplacement?: boolean;
  }
  interface Histogram {
    p50: number;
    p99: number;
  }
  interface RunResult {
    '2xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
    latency: Histogram;
    /** Answers by HTTP status code. */
    statusCodeStats: Record<string, { count: number }>;
  }
  export default function autocannon(opts: Options): Promise<RunResult>;
}
