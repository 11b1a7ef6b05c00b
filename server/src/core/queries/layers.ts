import { entityLayer } from './entityLayer';
import { figureLayer } from './figureLayer';
import type { QueryLayer } from './layer';
import { referenceLayer } from './referenceLayer';

/**
 * The layers asked, in order, for hover, definition and references at a position. The first layer
 * that recognises the position answers: put the layers with the smallest targets (note markers,
 * figures) before the ones with larger targets (entity names).
 */
export const queryLayers: readonly QueryLayer[] = [referenceLayer, figureLayer, entityLayer];
