export * from './errors';
export * from './inputs';
export * from './logger';
export * from './platform';
export * from './entry';
export * from './summary';
