/** Input names of secret-guard, exactly as action.yml declares them. */
export enum Inputs {
  Secrets = 'secrets',
  Require = 'require',
  OnMissing = 'on-missing',
}

/** Output names of secret-guard, exactly as action.yml declares them. */
export enum Outputs {
  Mode = 'mode',
  Available = 'available',
  Present = 'present',
  Missing = 'missing',
  Fork = 'fork',
  Reason = 'reason',
  /** Set by runEntry for every action (packages/runner/src/telemetry.ts). */
  Telemetry = 'telemetry',
}

export const REQUIRE_VALUES = ['all', 'any'] as const;
export type Requirement = (typeof REQUIRE_VALUES)[number];

export const ON_MISSING_VALUES = ['offline', 'fail'] as const;
export type OnMissing = (typeof ON_MISSING_VALUES)[number];

export type Mode = 'online' | 'offline';

/** The documented `reason` values (design.md, secret-guard); public API, keep exactly these. */
export type Reason = 'all-present' | 'fork-pull-request' | 'missing-secrets';
