export * from './keys';
export * from './restore-save';
export * from './service';
export * from './stable-root';
export * from './toolkit-diagnostics';
export * from './stranded';
export * from './payload';
export * from './probe';
