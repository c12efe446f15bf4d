// What the browser test's page imports: the public API, plus the wasm runtime to see which memory
// it runs on and the thread pool to see that its workers took part (not public).
export { InferenceSession, Tensor } from '../../src/index.js';
export { getRuntime } from '../../src/kernels/wasm/runtime.js';
export { threadPool } from '../../src/kernels/wasm/threads.js';
