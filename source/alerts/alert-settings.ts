/** Thresholds of the alert rules; `--alert-*` flags set them. */
export type AlertSettings = {
  /**
   * Telemetry ticks without progress before a running worker counts as
   * stalled; 0 turns the rule off. Default 20, which is 5 s at 250 ms.
   */
  readonly stallTicks: number;
  /** Memory use, in percent of the total, above which to alert. Default 90. */
  readonly memoryPercent: number;
  /**
   * Amount by which a trial's training score may exceed its test score
   * (both accuracy or R²) before it counts as overfitting. Default 0.15.
   */
  readonly overfitGap: number;
  /**
   * Chunks of trees without a better test score after which a trial that
   * still grows trees has reached a plateau; 0 turns the rule off.
   * Default 10.
   */
  readonly plateauChunks: number;
};

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  stallTicks: 20,
  memoryPercent: 90,
  overfitGap: 0.15,
  plateauChunks: 50,
};
