/** A job's progress as it is sent: the phase says what the job is doing, the rest how far it got. */
interface PhasedProgress {
  phase: string;
}

/**
 * Sends a job's progress at most once every `everyMs` while its phase stays the same, and a new phase at once:
 * a sync reports after every page (hundreds a second from a fast platform), and each report is a Redis write
 * that the job's page would otherwise wait on. `flush` sends the latest report held back, for a job that stops.
 */
export function throttledProgress<T extends PhasedProgress>(
  send: (progress: T) => Promise<void>,
  everyMs = 250,
  clock: () => number = Date.now,
): { report(progress: T): Promise<void> | undefined; flush(): Promise<void> } {
  let sentAt = Number.NEGATIVE_INFINITY;
  let sentPhase: string | null = null;
  let heldBack: T | null = null;
  const sendNow = (progress: T) => {
    sentAt = clock();
    sentPhase = progress.phase;
    heldBack = null;
    return send(progress);
  };
  return {
    report(progress) {
      if (progress.phase === sentPhase && clock() - sentAt < everyMs) {
        heldBack = progress;
        return undefined;
      }
      return sendNow(progress);
    },
    async flush() {
      if (heldBack) await sendNow(heldBack);
    },
  };
}
