/**
 * A function whose identity never changes but that always runs the latest `fn`: lets big memoised children (the
 * source text, the tree) skip re-rendering when only their parent's handlers were re-created.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';

export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}
