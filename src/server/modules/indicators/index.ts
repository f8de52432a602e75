/** The indicators module's public surface (对标对表): other modules import only from here. */
export { indicatorRoutes } from './indicators.routes.ts';
export { createIndicator, createIndicatorsFromTargets, getIndicatorDetail, listIndicators, updateIndicator } from './indicators.service.ts';
export { acceptActual, addActualEvidence, reportActual, returnActual } from './indicator-actuals.ts';
export { addPeer, deletePeer } from './indicator-peers.ts';
export type { Actual, Indicator, Peer } from './indicators.repository.ts';
