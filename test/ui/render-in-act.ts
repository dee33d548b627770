import { render } from 'ink-testing-library';
import { act, type ReactElement } from 'react';

// React checks this flag before it accepts act(). Ink's render() and
// unmount() update the root too, so tests that use act() for timers or keys
// must also mount and unmount inside it, or React warns on every update.
declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

globalThis.IS_REACT_ACT_ENVIRONMENT = true;

export type ActRenderResult = ReturnType<typeof render>;

/** Mounts a tree with ink-testing-library inside act(). */
export function renderInAct(tree: ReactElement): ActRenderResult {
  let result: ActRenderResult | undefined;
  act(() => {
    result = render(tree);
  });
  if (result === undefined) {
    throw new Error('Failed to render inside act(): render() returned nothing');
  }

  return {
    ...result,
    unmount: () => {
      act(() => {
        result?.unmount();
      });
    },
  };
}
