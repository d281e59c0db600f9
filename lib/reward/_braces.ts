/**
 * Brace matching shared by extraction and LaTeX normalization: one linear pass with a
 * stack, so every later lookup is O(1) and no input makes it quadratic.
 *
 * @module
 */

/**
 * For each `{` the index of its matching `}` (and the reverse), or -1 where unmatched.
 * Escaped braces (`\{`, `\}`) and the character after any backslash are skipped.
 */
export function matchBraces(s: string): Int32Array {
  const match = new Int32Array(s.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
    } else if (c === 123 /* { */) {
      stack.push(i);
    } else if (c === 125 /* } */ && stack.length > 0) {
      const open = stack.pop()!;
      match[open] = i;
      match[i] = open;
    }
  }
  return match;
}
