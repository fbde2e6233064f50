import path from 'path';

export const joined = path.join('a', 'b');
