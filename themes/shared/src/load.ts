import { useCallback, useEffect, useState } from "react";
import { type ApiCall, type Reply, answered } from "./api";

/**
 * What a GET gave: the body (a new object on every load) and its ETag once it came, the reply that failed otherwise
 * (data may stay from an earlier load).
 */
export type Loaded<T> = { data?: T; etag?: string | null; failure?: Reply<unknown>; reload: () => void };

/**
 * Loads {@code path} with {@code call} when the component mounts, when the path changes and whenever reload() is
 * called; nothing while the path is null. Every outcome ends in data or a failure, so a page never waits forever;
 * an answer that comes after the component left (or the path changed) is dropped.
 */
export function useLoad<T>(call: ApiCall, path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; etag?: string | null; failure?: Reply<unknown> }>({});
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => {
    if (path === null) {
      return;
    }
    const controller = new AbortController();
    void call<T>("GET", path, { signal: controller.signal }).then((reply) => {
      if (controller.signal.aborted) {
        return;
      }
      if (answered(reply)) {
        setState({ data: reply.body, etag: reply.etag });
      } else {
        // A 200 without a body is as unreadable as one that is not JSON.
        const failure: Reply<unknown> = reply.ok ? { ...reply, ok: false, failure: "not-json" } : reply;
        setState((previous) => ({ data: previous.data, etag: previous.etag, failure }));
      }
    });
    return () => controller.abort();
  }, [call, path, round]);
  return { ...state, reload };
}
