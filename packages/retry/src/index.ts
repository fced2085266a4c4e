export * from './defaults';
export * from './classify';
export * from './http-error';
export * from './retry';
export * from './retry-command';
