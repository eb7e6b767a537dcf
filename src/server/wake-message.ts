/** What a serving process tells the jobs process, through the primary, when it left work waiting. */
export interface WakeMessage { kind: 'vitrine:wake'; which: 'uploads' | 'schedules' | 'both' }

export function isWakeMessage(message: unknown): message is WakeMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'vitrine:wake';
}
