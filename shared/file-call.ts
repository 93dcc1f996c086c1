/**
 * How a call whose input carries a file (`content`, a Uint8Array: the imports) travels over the
 * HTTP fallback: one body holding the JSON of the rest of the input, then the file's bytes as they
 * are. The desk reads the small JSON part on its main thread and hands the bytes on untouched; a
 * 50 MB list sent as base64 inside JSON cost that thread about 150 ms of decoding and parsing.
 */
export const FILE_CALL_TYPE = 'application/x-loket-file-call';

/** The input's field that carries the file. */
export const FILE_FIELD = 'content';

/** The length in bytes (UTF-8) of the JSON part at the start of the body. */
export const FILE_CALL_JSON_LENGTH = 'x-loket-json-length';
