export * from './errors';
export * from './inputs';
export * from './logger';
export * from './platform';
export * from './entry';
export * from './summary';
export * from './process';
export * from './event';
