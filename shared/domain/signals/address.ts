import type * as z from '../schemas/zod';
import type { addressSchema } from '../schemas/onboarding';

/** A postal address as at intake. Two addresses are compared by shared/domain/signals/shipping-address-key.ts. */
export type Address = z.infer<typeof addressSchema>;
