// Stands in for undici in the bundles. @actions/http-client imports undici's ProxyAgent at the top
// of its module but only constructs it in HttpClient.getAgentDispatcher(), the hook for fetch-based
// clients such as Octokit. Nothing these actions bundle calls it (test/unit/bundle-startup.test.ts
// holds that), yet bundling undici put 790 KiB into the chunk that every step loads: about 30 ms of
// parsing per step, six times per job. HTTP requests, proxies included, go through node:http and
// tunnel, which stay bundled.
export class ProxyAgent {
  constructor() {
    throw new Error(
      "forgejo-ci-kit bundles no undici, so @actions/http-client's getAgentDispatcher is not available here",
    );
  }
}
