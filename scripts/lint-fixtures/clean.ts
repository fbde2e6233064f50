import { z } from 'zod';

export const Name = z.string().max(30);
