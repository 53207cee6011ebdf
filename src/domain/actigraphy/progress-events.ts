/**
 * The port through which analysis progress leaves the domain: `analysis.progress` and `analysis.completed`, with the
 * person and processing id (never health values). In process for now; the WebSocket surface (Clarity
 * `/ws/health-analysis/{user_id}`) subscribes to relay them, and a Redis adapter can replace it later.
 */
import { EventEmitter } from 'node:events';

export interface AnalysisProgressEvent {
  readonly personId: string;
  readonly processingId: string;
  /** 0…1 */
  readonly progress: number;
  readonly stage: string;
}

export interface AnalysisCompletedEvent {
  readonly personId: string;
  readonly processingId: string;
  readonly status: 'completed' | 'failed';
}

export interface AnalysisEventMap {
  'analysis.progress': [AnalysisProgressEvent];
  'analysis.completed': [AnalysisCompletedEvent];
}

export interface AnalysisEvents {
  emit<K extends keyof AnalysisEventMap>(event: K, ...args: AnalysisEventMap[K]): boolean;
  on<K extends keyof AnalysisEventMap>(event: K, listener: (...args: AnalysisEventMap[K]) => void): this;
  off<K extends keyof AnalysisEventMap>(event: K, listener: (...args: AnalysisEventMap[K]) => void): this;
}

export class InProcessAnalysisEvents extends EventEmitter<AnalysisEventMap> implements AnalysisEvents {}
