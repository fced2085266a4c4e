/**
 * A promise that can never settle, because nothing is left that could settle it, is turned into a
 * rejection. @actions/http-client 4's readBody() waits only for 'data' and 'end': when the cache
 * service cuts a response off, neither comes, the event loop empties, and Node exits with code 13
 * (an unsettled top-level await) and no message, so "cache trouble is a warning" would break.
 * 'beforeExit' fires exactly then, and only then: no arbitrary timeout cuts a slow, live transfer.
 */
export class StrandedError extends Error {
  override readonly name = 'StrandedError';
}

export function rejectIfStranded<T>(operation: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onBeforeExit = () =>
      reject(new StrandedError(`${what} stopped making progress (the connection ended mid-response)`));
    process.once('beforeExit', onBeforeExit);
    operation.then(
      (value) => {
        process.off('beforeExit', onBeforeExit);
        resolve(value);
      },
      (error: unknown) => {
        process.off('beforeExit', onBeforeExit);
        reject(error);
      },
    );
  });
}
