/** Code knowledge base + decoder (pure core). */
export * from './tables';
export * from './decode';
