import { acronymBeforeDefinition } from './acronymBeforeDefinition';
import { conflictingAcronymDefinition } from './conflictingAcronymDefinition';
import { conflictingFigure } from './conflictingFigure';
import { documentSkipped } from './documentSkipped';
import { duplicateNote } from './duplicateNote';
import { inconsistentDerivation } from './inconsistentDerivation';
import { invalidEncoding } from './invalidEncoding';
import type { Rule } from './rule';
import { undefinedAcronym } from './undefinedAcronym';
import { unresolvedReference } from './unresolvedReference';
import { unusedNote } from './unusedNote';

/** Every rule, alphabetical by id. Add a rule here and document it in the README's rule table. */
export const rules: readonly Rule[] = [
  acronymBeforeDefinition,
  conflictingAcronymDefinition,
  conflictingFigure,
  documentSkipped,
  duplicateNote,
  inconsistentDerivation,
  invalidEncoding,
  undefinedAcronym,
  unresolvedReference,
  unusedNote,
];
