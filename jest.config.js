// Native ESM jest (run with NODE_OPTIONS=--experimental-vm-modules): the v3 toolkit is ESM-only.
import { createDefaultEsmPreset } from 'ts-jest';

const preset = createDefaultEsmPreset({ tsconfig: 'tsconfig.json' });
const shared = {
  ...preset,
  // .tools holds built tools and unpacked images: nothing jest should index.
  modulePathIgnorePatterns: ['<rootDir>/.tools/', '<rootDir>/.tmp/'],
  moduleNameMapper: { '^@ci-kit/(.*)$': '<rootDir>/packages/$1/src/index.ts' },
};

export default {
  // Integration tests start real servers and real tools; the bound is for hangs, not for speed.
  testTimeout: 120000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/packages/*/test/**/*.test.ts'],
    },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...shared, displayName: 'hostile', testMatch: ['<rootDir>/test/hostile/**/*.test.ts'] },
  ],
};
