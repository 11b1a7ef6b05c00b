import type { CodeLens, Connection } from 'vscode-languageserver';
import { baseName, formatStatement, periodLabel, quantityAt, quantityName, quantityOfGroup, statisticsOverview, type QuantityStatistics, type WorkspaceIndex } from '../core/api';
import { toRange } from '../lsp/convert';
import { CompareRequest, StatisticsRequest, type QuantityView, type StatementView } from '../lsp/protocol';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** The client command a CodeLens runs: opens the compare view of a quantity (registered by the client). */
export const COMPARE_COMMAND = 'policyLens.compareStatements';

/**
 * The Statistics view and the compare view (custom requests `policyLens/statistics` and `policyLens/compare`),
 * and a CodeLens "stated in N documents" on every figure whose quantity is stated more than once.
 */
export function register(connection: Connection, session: Session): void {
  connection.onRequest(StatisticsRequest.method, (_params: StatisticsRequest.Params, token) =>
    runSafe(connection.console, 'statistics', token, { quantities: [] }, async (): Promise<StatisticsRequest.Result> => {
      await session.whenIndexed();
      return { quantities: statisticsOverview(session.index).map((quantity) => toView(session.index, quantity)) };
    }),
  );

  connection.onRequest(CompareRequest.method, (params: CompareRequest.Params, token) =>
    runSafe(connection.console, 'compare', token, null, (): CompareRequest.Result => {
      let quantity: QuantityStatistics | undefined;
      if ('key' in params) quantity = quantityOfGroup(session.index, params.key);
      else {
        const document = session.index.get(params.uri);
        if (document) quantity = quantityAt(session.index, params.uri, document.lines.offsetAt(params.position));
      }
      return quantity ? toView(session.index, quantity) : null;
    }),
  );

  connection.onCodeLens((params, token) =>
    runSafe(connection.console, 'codeLens', token, null, (): CodeLens[] => {
      const document = session.index.get(params.textDocument.uri);
      if (!document) return [];
      const lenses: CodeLens[] = [];
      for (const quantity of statisticsOverview(session.index)) {
        for (const statement of quantity.statements) {
          if (statement.uri !== document.uri) continue;
          const title =
            quantity.documents > 1
              ? `stated in ${quantity.documents} documents${quantity.conflicting ? ' — conflicting' : ''}`
              : `stated ${quantity.statements.length} times in this document${quantity.conflicting ? ' — conflicting' : ''}`;
          lenses.push({ range: toRange(document.lines, statement.span), command: { title, command: COMPARE_COMMAND, arguments: [{ key: quantity.group }] } });
        }
      }
      return lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }),
  );
}

function toView(index: WorkspaceIndex, quantity: QuantityStatistics): QuantityView {
  const statements: StatementView[] = quantity.statements.map((statement) => {
    const document = index.get(statement.uri)!;
    const { interval, figure } = statement;
    const period = periodLabel(figure.period ?? statement.restatement?.period);
    return {
      uri: statement.uri,
      range: toRange(document.lines, statement.span),
      documentName: baseName(statement.uri),
      text: figure.text,
      low: Number.isFinite(interval.low) ? interval.low : null,
      high: Number.isFinite(interval.high) ? interval.high : null,
      lowOpen: interval.lowOpen === true,
      highOpen: interval.highOpen === true,
      value: figure.value,
      // The same wording as the conflict messages: a restated figure shows both units ("3,201 km (1,990 mi)").
      valueLabel: formatStatement(statement),
      ...(period ? { period } : {}),
    };
  });
  return {
    key: quantity.group,
    label: quantityName(quantity.key, quantity.period),
    keyLabel: quantity.key.label,
    unit: quantity.key.unit,
    conflicting: quantity.conflicting,
    statements,
  };
}
