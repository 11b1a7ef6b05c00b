import { parentPort } from 'node:worker_threads';
import { analyzeDocument, type SourceDocument } from '../core/api';

// Runs in a worker thread: analyses documents and sends back their records. The text and the line
// index stay behind — the main thread has the text already and rebuilds the index cheaply.
parentPort!.on('message', (message: { id: number; document: SourceDocument }) => {
  try {
    const { text: _text, lines: _lines, ...records } = analyzeDocument(message.document);
    parentPort!.postMessage({ id: message.id, records });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
