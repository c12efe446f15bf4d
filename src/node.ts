/** Node-only helpers (file paths, external data). Import from 'onnx-ts/node'. */
export { readModelFile, externalReader } from './io/node-files.js';
export * from './index.js';
