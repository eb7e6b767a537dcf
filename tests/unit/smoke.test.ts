import { test, expect } from 'vitest';
import { filePathOf } from '#db/client.ts';
test('file path of a file URL', () => { expect(filePathOf('file:data/x.db')).toBe('data/x.db'); expect(filePathOf('libsql://x')).toBeNull(); });
