/** Code knowledge base + decoders + the free-text finder (pure core). */
export * from './tables';
export * from './decoding';
export * from './hresult';
export * from './win32';
export * from './http';
export * from './scep';
export * from './connector';
export * from './events';
export * from './symbols';
export * from './find';
