export { isEvtx, readHeader, FILE_HEADER, type EvtxHeader } from './header';
export { CHUNK_SIZE, type EvtxEvent, type EvtxNote, type EvtxSink } from './chunk';
export { EvtxReader } from './reader';
export type { Checksum } from './bytes';
export { createEvtxText, evtxToText, noteLine, NOTE_PREFIX, NOTE_SUFFIX, type EvtxText } from './document';
