// The queue engine's public face.
export { decide, ticketId, ticketLabel } from './decide.ts';
export { applyEvent, foldEvents, stateFromCheckpoint } from './apply.ts';
export {
  callOrder,
  callPosition,
  callSequence,
  canCall,
  estimateBeforeOpening,
  estimateNewWalkin,
  estimateWait,
  pickNext,
  servesService,
  serviceTiles,
  waitingByQueue,
  walkinHold,
} from './select.ts';
export type { CallGroup, Callable, WaitEstimate, WalkinHold } from './select.ts';
export { localDay, localInstant, localTime, nextDay, openingOn, weekdayOf, type Opening } from './time.ts';
export type { CheckInResult, Command, CommandType, Decision, EngineError, HallState, PublicHallState, SupervisionCommand } from './types.ts';
export { ALERT_DEFAULTS, activeTicker, counterFigures, hallAlerts, hallFigures, percentile, serviceLevelTargetMin, storageAlerts } from './hall-stats.ts';
export type { Alert, AlertKind, AlertSeverity, CounterFigures, CounterStatus, HallFigures, QueueFigures, WaitFigures } from './hall-stats.ts';
export { freshTicket, type TicketIdentity } from './ticket.ts';
