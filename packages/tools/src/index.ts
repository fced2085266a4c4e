export * from './definitions';
export * from './install';
export * from './plan';
export * from './template';
export * from './toolchain';
export * from './version';
export * from './nox';
export * from './verified';
