import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
