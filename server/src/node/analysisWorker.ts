import { parentPort } from 'node:worker_threads';
import { analyzeDocument, dropClosedDocumentRecords, type SourceDocument } from '../core/api';

// Runs in a worker thread: analyses documents and sends back their records. The text and the line
// index stay behind — the main thread has the text already and rebuilds the index cheaply.
parentPort!.on('message', (message: { id: number; document: SourceDocument; closed: boolean }) => {
  try {
    const analysis = analyzeDocument(message.document);
    if (message.closed) dropClosedDocumentRecords(analysis);
    const { text: _text, lines: _lines, ...records } = analysis;
    parentPort!.postMessage({ id: message.id, records });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
