/** How trials are scored: on one held-out split, or by k-fold cross-validation. */
export type Evaluation =
  | {
      readonly kind: 'holdout';
      /** Share of the rows held out for testing. */
      readonly testFraction: number;
    }
  | { readonly kind: 'cv'; readonly folds: number };

export const DEFAULT_EVALUATION: Evaluation = {
  kind: 'holdout',
  testFraction: 0.2,
};
