import type { Tools } from './lib/tools';
export interface StepOutcome { name: string; ok: boolean; detail?: string }
export async function runPartB(_r: string, _t: Tools, _s: string, _d: string, _report: (o: StepOutcome) => void): Promise<void> {}
