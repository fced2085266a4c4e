export * from './checksum';
export * from './download';
export * from './extract';
export * from './fetch';
export * from './timeouts';
export * from './tool-cache';
export * from './url';
export * from './links';
