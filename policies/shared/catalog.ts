import { Catalog } from '../../lib/architecture/catalog';
import { EvaluationContext } from '../../lib/policy/model';

/** The catalog a rule checks against: the engine's (`check --catalog DIR`), or the built-in one when a rule is called directly. */
export function catalogOf(context: EvaluationContext | undefined): Catalog {
  return context?.catalog ?? Catalog.default();
}
