import { z } from 'zod';
const s = z.object({ a: z.string().regex(/^\d+$/), b: z.number().int() });
console.log(typeof s);
