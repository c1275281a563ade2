import type { SimulatedDetection } from '../telephony/simulator';

/** What answering-machine detection did on the answered calls it ran on, against who really answered them. */
export interface AmdReport {
  calls: number;
  /** Who really answered: only the simulation knows. */
  answeredBy: { human: number; machine: number };
  /** What detection decided. */
  decided: { human: number; machine: number; unknown: number };
  /** Decisions naming the wrong kind (an `unknown` is no verdict, so not counted here). */
  misdetected: { humanAsMachine: number; machineAsHuman: number };
}

/** A report filled as the simulator tells of each detection. */
export function amdTally() {
  const report: AmdReport = {
    calls: 0,
    answeredBy: { human: 0, machine: 0 },
    decided: { human: 0, machine: 0, unknown: 0 },
    misdetected: { humanAsMachine: 0, machineAsHuman: 0 },
  };
  return {
    add({ truth, result }: SimulatedDetection): void {
      report.calls++;
      report.answeredBy[truth]++;
      report.decided[result.decision]++;
      if (result.decision === 'machine' && truth === 'human') report.misdetected.humanAsMachine++;
      if (result.decision === 'human' && truth === 'machine') report.misdetected.machineAsHuman++;
    },
    /** The report, or undefined when detection ran on no call (it was off). */
    report: (): AmdReport | undefined => (report.calls ? report : undefined),
  };
}
