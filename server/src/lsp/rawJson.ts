import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/**
 * JSON text already serialised (the diagnostics snapshot's lines), to be sent as it is. On the stdio transport
 * `rawJsonEncoder` copies its bytes into the message; any other serialiser (IPC's `process.send`, a test's
 * JSON.stringify) calls `toJSON` and gets the parsed value, which serialises to the same JSON.
 */
export class RawJson {
  /** `bytes`: one JSON value, UTF-8. */
  constructor(readonly bytes: Uint8Array) {}

  toJSON(): unknown {
    return JSON.parse(Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8'));
  }
}

// Stands for a RawJson in the serialised message until its bytes replace it: a string no real message contains.
const PLACEHOLDER = '\u0000policy-lens-raw-json\u0000';
const QUOTED_PLACEHOLDER = JSON.stringify(PLACEHOLDER);

/**
 * The `application/json` encoder of vscode-jsonrpc (JSON.stringify, then UTF-8), except that a RawJson among a
 * message's `params` is written as its bytes instead of parsed and serialised again: publishing 2,000 documents'
 * diagnostics from the snapshot (44 MB of JSON) spent ~300 ms of a warm start in JSON.stringify and UTF-8 encoding.
 */
export const rawJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      return Promise.resolve(encodeWithRawJson(message, options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

function encodeWithRawJson(message: Message, charset: BufferEncoding): Buffer {
  const params = (message as { params?: unknown }).params;
  const raw = isRecord(params) ? Object.entries(params).find(([, value]) => value instanceof RawJson) : undefined;
  if (!raw || !isRecord(params)) return Buffer.from(JSON.stringify(message, undefined, 0), charset);
  const [name, value] = raw as [string, RawJson];
  const text = JSON.stringify({ ...message, params: { ...params, [name]: PLACEHOLDER } }, undefined, 0);
  const at = text.indexOf(QUOTED_PLACEHOLDER);
  return Buffer.concat([Buffer.from(text.slice(0, at), charset), value.bytes, Buffer.from(text.slice(at + QUOTED_PLACEHOLDER.length), charset)]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
