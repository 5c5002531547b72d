import fc from 'fast-check';

/**
 * Property tests draw from one fixed seed, so a run is repeatable: the suite passes or fails the same way on every
 * machine and at every run (the developer guide: no test depends on chance). To explore further, run with another
 * seed, e.g. `VETFLOW_PROPERTY_SEED=$RANDOM npm test`; a failure prints the seed and path that reproduce it.
 */
const seed = Number(process.env.VETFLOW_PROPERTY_SEED ?? 20261206);
if (!Number.isSafeInteger(seed)) throw new Error(`VETFLOW_PROPERTY_SEED must be an integer, got ${process.env.VETFLOW_PROPERTY_SEED}`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
