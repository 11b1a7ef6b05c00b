import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter, type Message, type NotificationMessage } from 'vscode-languageserver/node';
import { RawJson, rawJsonEncoder } from '../../server/src/lsp/rawJson';

const diagnostics = [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 5 } }, severity: 2, source: 'policy-lens', code: 'undefined-acronym', message: '“USMCA” is never expanded' }];
// As the snapshot stores them: ASCII, other characters escaped.
const stored = Buffer.from(JSON.stringify(diagnostics).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1');
const options = { charset: 'utf-8' as const };

function publish(value: unknown): NotificationMessage {
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b.txt', version: 3, diagnostics: value } } as NotificationMessage;
}

test('a RawJson among the params is written as its bytes, in a message that parses to the one with the value itself', async () => {
  const bytes = Buffer.from(await rawJsonEncoder.encode(publish(new RawJson(stored)), options));
  assert.ok(bytes.includes(stored), 'the stored bytes, not serialised again');
  assert.deepEqual(JSON.parse(bytes.toString('utf8')), publish(diagnostics));
});

test('messages without a RawJson are encoded as vscode-jsonrpc does: JSON.stringify, then UTF-8', async () => {
  const messages: Message[] = [publish(diagnostics), { jsonrpc: '2.0', id: 1, result: { contents: 'Ünïcode “quoted”' } } as Message, { jsonrpc: '2.0', method: 'exit' } as Message];
  for (const message of messages) assert.deepEqual(Buffer.from(await rawJsonEncoder.encode(message, options)), Buffer.from(JSON.stringify(message), 'utf8'));
});

test('anything else that serialises a RawJson gets its value (IPC, logs)', () => {
  assert.equal(JSON.stringify(publish(new RawJson(stored))), JSON.stringify(publish(diagnostics)));
});

test('a client reading the stream gets the diagnostics, with the encoder in a real message writer', async () => {
  const stream = new PassThrough();
  const writer = new StreamMessageWriter(stream, { charset: 'utf-8', contentTypeEncoder: rawJsonEncoder });
  const reader = new StreamMessageReader(stream);
  const received = new Promise<Message>((resolve) => reader.listen(resolve));
  await writer.write(publish(new RawJson(stored)));
  assert.deepEqual(await received, publish(diagnostics));
  reader.dispose();
  writer.dispose();
});
